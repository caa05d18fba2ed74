using PortfolioGen.Profiles;
using Xunit;

namespace PortfolioGen.Tests.Profiles;

/// <summary>
/// Damaged profiles a user really made: each is an error at the line that is wrong, never a quietly wrong site. Each
/// starts from the reference profile with one line changed, as the bug reports did.
/// </summary>
internal static class BadInput
{
    private static readonly string[] Reference = File.ReadAllText(TestPaths.ReferenceProfile).Split('\n');

    // The reference profile with line `line` (1-based) replaced by the given lines (none deletes it).
    public static string With(int line, params string[] replacement)
        => string.Join('\n', Reference.Take(line - 1).Concat(replacement).Concat(Reference.Skip(line)));

    public static string Errors(ProfileParseResult r)
        => string.Join('\n', r.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
}
