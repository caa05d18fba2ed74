namespace PortfolioGen.Text;

/// <summary>How far apart two words are, to guess what a misspelt one meant.</summary>
public static class EditDistance
{
    /// <summary>The Levenshtein distance: the fewest letters inserted, deleted or replaced to turn one into the other.</summary>
    public static int Levenshtein(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) row[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }

    /// <summary>
    /// The optimal string alignment distance: as <see cref="Levenshtein"/>, and two neighbouring letters swapped count as
    /// one change (<c>--prot</c> is one slip from <c>--port</c>, not two).
    /// </summary>
    public static int WithSwaps(string a, string b)
    {
        // Three rows: the one before last (for swaps), the last and the current.
        var before = new int[b.Length + 1];
        var last = new int[b.Length + 1];
        var row = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) last[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var d = Math.Min(Math.Min(last[j] + 1, row[j - 1] + 1), last[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = Math.Min(d, before[j - 2] + 1);
                row[j] = d;
            }
            (before, last, row) = (last, row, before);
        }
        return last[b.Length];
    }

    /// <summary>
    /// The candidate a misspelt <paramref name="word"/> most likely meant: the nearest (<see cref="WithSwaps"/>), when it is at most two changes
    /// away (a letter case counts as one) and nearer than half the word's length; ties go to the first candidate. Null
    /// when none is near enough to be a guess worth making.
    /// </summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = WithSwaps(word, c);
            if (d < bestDistance) (best, bestDistance) = (c, d);
        }
        return bestDistance > 0 && bestDistance <= 2 && bestDistance * 2 < word.TrimStart('-').Length ? best : null;
    }
}
