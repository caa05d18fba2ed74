using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using AnyAscii;
using PortfolioGen.Profiles;
using PortfolioGen.Site;

namespace PortfolioGen.Scholarly.Citations;

/// <summary>
/// BibTeX keys in the familiar author-year-word form: the first listed author's family name, the year and the
/// first significant word of the title, transliterated to ASCII and lower case (<c>lv2022recreation</c>).
/// </summary>
public static class CitationKeys
{
    /// <summary>Title words that say nothing about the paper; the key takes the first word that is not one.</summary>
    private static readonly FrozenSet<string> StopWords = FrozenSet.Create(StringComparer.Ordinal,
    [
        "a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "via", "is", "are", "towards", "toward",
        "do", "does", "at", "by", "from", "as", "into", "onto", "or", "not", "what", "how", "why", "when", "where",
        "which", "who", "can", "be", "we", "our", "it", "its", "this", "that", "these", "those", "about",
    ]);

    /// <summary>
    /// Gives every paper a key, by slug. Keys are unique: papers whose natural keys coincide get <c>a</c>,
    /// <c>b</c>, <c>c</c>, … appended in order of (date, slug) — all of them, the first included, as author-year
    /// styles do (2024a, 2024b). A paper's key so depends only on the papers it collides with and stays put when
    /// unrelated papers are added, removed or changed (the one exception: a suffixed key skips a letter that would
    /// make it another paper's natural key, as "mix" + "a" would for a paper whose title word is "mixa").
    /// </summary>
    /// <exception cref="ArgumentException">Two papers have the same slug.</exception>
    public static IReadOnlyDictionary<string, string> Assign(IEnumerable<PaperView> papers) => Assign(papers, null);

    /// <summary>
    /// <see cref="Assign(IEnumerable{PaperView})"/>, in a serve session: when every paper is the very paper of the last
    /// assignment, or has the same slug, date and natural key as the paper in its place then, the keys are the last
    /// ones (a key depends on nothing else), and 10,000 papers are not grouped again for one edited abstract.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Assign(IEnumerable<PaperView> papers, CitationKeyMemo? memo)
    {
        ArgumentNullException.ThrowIfNull(papers);
        var list = papers.Select(v => v.Paper).ToArray();
        if (memo is { Papers: { } last, Keys: { } lastKeys } && Same(last, list))
        {
            memo.Papers = list;
            return lastKeys;
        }
        var assigned = AssignAll(list);
        if (memo is not null) (memo.Papers, memo.Keys) = (list, assigned);
        return assigned;
    }

    private static bool Same(Paper[] last, Paper[] list)
    {
        if (last.Length != list.Length) return false;
        for (var i = 0; i < list.Length; i++)
        {
            var (a, b) = (last[i], list[i]);
            if (ReferenceEquals(a, b)) continue;
            if (a.Slug != b.Slug || a.Date != b.Date || NaturalKeys.GetValue(a, NaturalKey) != NaturalKeys.GetValue(b, NaturalKey)) return false;
        }
        return true;
    }

    private static IReadOnlyDictionary<string, string> AssignAll(Paper[] list)
    {
        var slugs = new HashSet<string>(list.Length, StringComparer.Ordinal);
        foreach (var paper in list)
        {
            if (!slugs.Add(paper.Slug)) throw new ArgumentException($"two papers have the slug '{paper.Slug}'", "papers");
        }

        // Most papers' natural keys are theirs alone and are their keys; only the papers that share one are sorted and
        // suffixed (a serve rebuild at 10,000 papers grouped and sorted all 10,000 for the few dozen that collide).
        var natural = new string[list.Length];
        var counts = new Dictionary<string, int>(list.Length, StringComparer.Ordinal);
        for (var i = 0; i < list.Length; i++)
        {
            natural[i] = NaturalKeys.GetValue(list[i], NaturalKey);
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, natural[i], out _)++;
        }
        var keys = (string[])natural.Clone();
        var shared = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < list.Length; i++)
        {
            if (counts[natural[i]] == 1) continue;
            if (!shared.TryGetValue(natural[i], out var group)) shared[natural[i]] = group = [];
            group.Add(i);
        }
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, group) in shared.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var n = 0;
            foreach (var i in group.OrderBy(i => list[i].Date).ThenBy(i => list[i].Slug, StringComparer.Ordinal))
            {
                string suffixed;
                // A suffixed key never takes another paper's natural key ("lv2024mix" + "a" against a title word "mixa").
                do suffixed = key + Suffix(n++);
                while (counts.ContainsKey(suffixed) || !taken.Add(suffixed));
                keys[i] = suffixed;
            }
        }
        // In the order the papers were given.
        var result = new Dictionary<string, string>(list.Length, StringComparer.Ordinal);
        for (var i = 0; i < list.Length; i++) result[list[i].Slug] = keys[i];
        return result;
    }

    /// <summary>The key a paper would have if nothing collided with it.</summary>
    // By the paper's object: a serve rebuild hands on the views (and so the papers) that did not change.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Paper, string> NaturalKeys = new();

    internal static string NaturalKey(Paper paper)
    {
        var first = paper.Authors.Select(CitationName.Parse).FirstOrDefault(n => n is not null);
        var family = first is null ? "" : AsciiLetters(first.Literal ?? first.Family, digits: false);
        if (family.Length == 0) family = "anon";
        var year = paper.Date.Year.ToString("D4", CultureInfo.InvariantCulture);
        // The title's text with its TeX, not the readable form: keys stay what they were for titles with math.
        return family + year + TitleWord(paper.TitleMarkup.Text);
    }

    private static string TitleWord(string title)
    {
        var words = title.Transliterate()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => AsciiLetters(w, digits: true))
            .Where(w => w.Length > 0)
            .ToList();
        return words.FirstOrDefault(w => !StopWords.Contains(w)) ?? words.FirstOrDefault() ?? "untitled";
    }

    private static string AsciiLetters(string text, bool digits)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.Transliterate())
        {
            if (ch is >= 'a' and <= 'z' || (digits && ch is >= '0' and <= '9')) sb.Append(ch);
            else if (ch is >= 'A' and <= 'Z') sb.Append((char)(ch + ('a' - 'A')));
        }
        return sb.ToString();
    }

    /// <summary>a, b, …, z, aa, ab, … (bijective base 26).</summary>
    private static string Suffix(int n)
    {
        var sb = new StringBuilder();
        for (n++; n > 0; n = (n - 1) / 26)
        {
            sb.Insert(0, (char)('a' + ((n - 1) % 26)));
        }
        return sb.ToString();
    }
}

/// <summary>The last assignment of citation keys in a serve session (see <see cref="CitationKeys.Assign(IEnumerable{PaperView}, CitationKeyMemo?)"/>).</summary>
public sealed class CitationKeyMemo
{
    internal Paper[]? Papers { get; set; }

    internal IReadOnlyDictionary<string, string>? Keys { get; set; }
}
