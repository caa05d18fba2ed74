using System.Collections.Concurrent;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace PortfolioGen.Themes;

/// <summary>
/// <c>include_cached</c>'s partials, kept across the builds of a <c>serve</c> session. Within one build a partial is
/// rendered once per key (its contract: the markup depends on nothing but the key); across builds the key is not
/// enough, since the paper behind <c>[item.url, level]</c> may have been edited. So each entry also carries the
/// fingerprint of every variable the partial (and whatever it includes) reads, taken from the template's syntax
/// tree, with the values they had when it was rendered; an entry is reused only while those values, the theme and
/// the site's URLs are the same. At 10,000 papers the home page so stops rendering 10,000 list entries per rebuild.
/// </summary>
public sealed class PartialCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private string _environment = "";
    private int _build;
    private int _hits;
    private int _misses;

    /// <summary>How many builds an unused entry is kept for.</summary>
    public const int KeptBuilds = 16;

    private sealed class Entry(UInt128 inputs, RawHtml html, int build)
    {
        public UInt128 Inputs { get; } = inputs;
        public RawHtml Html { get; } = html;
        public int LastBuild = build;
    }

    /// <summary>Partials reused by the current build.</summary>
    public int Hits => _hits;

    /// <summary>Partials the current build had to render (asked for, but not kept or changed since).</summary>
    public int Misses => _misses;

    /// <summary>Partials kept.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// Starts a build: everything is forgotten when the environment (theme, URLs) changed, and so is every partial
    /// none of the last <see cref="KeptBuilds"/> builds used (a paper deleted, a slug renamed).
    /// </summary>
    public void BeginBuild(string environment)
    {
        _hits = 0;
        _misses = 0;
        if (environment != _environment)
        {
            _entries.Clear();
            _environment = environment;
        }
        // A build that renders no list page (an abstract edit, nothing changed) uses no partial, so entries are kept
        // until no build of the last few used them: what goes is a removed or renamed paper's entry.
        var oldest = ++_build - KeptBuilds;
        foreach (var (key, entry) in _entries)
        {
            if (entry.LastBuild < oldest) _entries.TryRemove(key, out _);
        }
    }

    /// <summary>The partial kept under this key, when the values it reads are the same.</summary>
    public bool TryGet(string key, UInt128 inputs, out RawHtml html)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Inputs == inputs)
        {
            entry.LastBuild = _build;
            Interlocked.Increment(ref _hits);
            html = entry.Html;
            return true;
        }
        Interlocked.Increment(ref _misses);
        html = null!;
        return false;
    }

    /// <summary>Keeps a partial just rendered.</summary>
    public void Set(string key, UInt128 inputs, RawHtml html) => _entries[key] = new Entry(inputs, html, _build);

    /// <summary>
    /// The global variables a template reads, with those of every template it includes by a literal name; null when
    /// that cannot be known (an include whose name is computed, <c>this</c>), and then the partial is not kept
    /// across builds. Member names (<c>authors</c> in <c>item.authors</c>) are not variables; names of built-in
    /// objects and functions are left out by the caller.
    /// </summary>
    public static IReadOnlyList<string>? ReadsOf(string name, Func<string, Template?> load)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return Collect(name, load, names, seen) ? [.. names] : null;
    }

    private static bool Collect(string name, Func<string, Template?> load, SortedSet<string> names, HashSet<string> seen)
    {
        if (!seen.Add(name)) return true;
        if (load(name) is not { Page: { } page }) return false;
        var pending = new Stack<ScriptNode>();
        pending.Push(page);
        while (pending.TryPop(out var node))
        {
            switch (node)
            {
                case ScriptThisExpression:
                    return false;
                case ScriptVariableGlobal global:
                    names.Add(global.Name);
                    break;
                case ScriptMemberExpression member:
                    // The target is read; the member is a name, not a variable.
                    if (member.Target is { } target) pending.Push(target);
                    continue;
                case ScriptFunctionCall { Target: ScriptVariableGlobal { Name: "include" or "include_cached" } } call:
                    if (call.Arguments.Count == 0 || call.Arguments[0] is not ScriptLiteral { Value: string included }) return false;
                    if (!Collect(included, load, names, seen)) return false;
                    break;
            }
            for (var i = 0; i < node.ChildrenCount; i++)
            {
                if (node.GetChildren(i) is { } child) pending.Push(child);
            }
        }
        return true;
    }
}
