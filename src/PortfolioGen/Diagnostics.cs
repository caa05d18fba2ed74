using System.Collections.Concurrent;
using System.Globalization;

namespace PortfolioGen;

/// <summary>How bad a <see cref="Diagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Worth knowing; never fails a build.</summary>
    Info,
    /// <summary>Something is probably wrong; fails the build only with <c>--strict</c>.</summary>
    Warning,
    /// <summary>The input cannot be used as written; the build fails and writes nothing.</summary>
    Error,
}

/// <summary>
/// A problem found in an input file, reported the way compilers do so that editors and CI systems
/// pick it up: <c>file(line,col): error PG0001: message</c>. Lines and columns are 1-based; 0 means
/// "the whole file".
/// </summary>
public sealed record Diagnostic(DiagnosticSeverity Severity, string Code, string File, int Line, int Column, string Message)
{
    /// <summary>Creates an error.</summary>
    public static Diagnostic Error(string code, string file, int line, int column, string message)
        => new(DiagnosticSeverity.Error, code, file, line, column, message);

    /// <summary>Creates a warning.</summary>
    public static Diagnostic Warning(string code, string file, int line, int column, string message)
        => new(DiagnosticSeverity.Warning, code, file, line, column, message);

    /// <summary>
    /// The page being made when the problem was found, for a problem in a file many pages use (a template); the
    /// message does not name it. With <see cref="PageCount"/> over 1, the first (in ordinal order) of the pages that
    /// had the same problem (see <see cref="DiagnosticBag.ToReport"/>).
    /// </summary>
    public string? Page { get; init; }

    /// <summary>On how many pages the problem was found (1 for a single page; 0 without <see cref="Page"/>).</summary>
    public int PageCount { get; init; }

    /// <summary>The severity as it is printed: <c>error</c>, <c>warning</c> or <c>info</c>.</summary>
    public string SeverityText => Severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };

    /// <summary>Formats as <c>file(line,col): severity CODE: message</c> (MSBuild's canonical form).</summary>
    public override string ToString()
    {
        var where = Line > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{File}({Line},{Math.Max(Column, 1)})")
            : File;
        return $"{where}: {SeverityText} {Code}: {Message}{Pages}";
    }

    // The pages a problem in a shared file was found on, as messages name them.
    private string Pages => Page is null ? ""
        : PageCount > 1 ? string.Create(CultureInfo.InvariantCulture, $" (while rendering {Page} and {PageCount - 1} other page{(PageCount > 2 ? "s" : "")})")
        : $" (while rendering {Page})";

    /// <summary>Orders diagnostics by file, line, column, then code, so output never depends on timing.</summary>
    public static int Compare(Diagnostic? a, Diagnostic? b)
    {
        if (ReferenceEquals(a, b)) return 0;
        if (a is null) return -1;
        if (b is null) return 1;
        var c = string.CompareOrdinal(a.File, b.File);
        if (c != 0) return c;
        c = a.Line.CompareTo(b.Line);
        if (c != 0) return c;
        c = a.Column.CompareTo(b.Column);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Code, b.Code);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Message, b.Message);
        return c != 0 ? c : string.CompareOrdinal(a.Page, b.Page);
    }
}

/// <summary>A thread-safe collector of diagnostics; modules running in parallel report into one bag.</summary>
public sealed class DiagnosticBag
{
    private readonly ConcurrentQueue<Diagnostic> _items = new();

    /// <summary>Adds one diagnostic.</summary>
    public void Add(Diagnostic diagnostic) => _items.Enqueue(diagnostic);

    /// <summary>Adds several diagnostics.</summary>
    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            _items.Enqueue(d);
        }
    }

    /// <summary>Whether any error was reported.</summary>
    public bool HasErrors => _items.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The diagnostics so far, in a deterministic order (file, line, column, code).</summary>
    public IReadOnlyList<Diagnostic> ToSortedList()
    {
        var list = _items.Distinct().ToList();
        list.Sort(Diagnostic.Compare);
        return list;
    }

    /// <summary>
    /// The diagnostics as a build reports them: sorted, with the same problem found on several pages (a template
    /// error: same severity, code, file, line, column and message; see <see cref="Diagnostic.Page"/>) told once, naming
    /// the first page in ordinal order and how many pages in all. A template every page uses would otherwise repeat its
    /// one error for each of thousands of pages.
    /// </summary>
    public IReadOnlyList<Diagnostic> ToReport()
    {
        var sorted = ToSortedList();
        var report = new List<Diagnostic>(sorted.Count);
        foreach (var d in sorted)
        {
            // Sorted, the same problem's pages follow each other, the first page first.
            if (d.Page is not null && report.Count > 0 && report[^1] is { Page: not null } last
                && last.Severity == d.Severity && last.Code == d.Code && last.File == d.File && last.Line == d.Line && last.Column == d.Column
                && last.Message == d.Message)
            {
                report[^1] = last with { PageCount = last.PageCount + Math.Max(d.PageCount, 1) };
                continue;
            }
            report.Add(d.Page is not null && d.PageCount < 1 ? d with { PageCount = 1 } : d);
        }
        return report;
    }
}
