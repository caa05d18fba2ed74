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
    /// The candidate a misspelt <paramref name="word"/> most likely meant: the nearest, when it is at most two letters
    /// away (a letter case counts as one) and nearer than half the word's length; ties go to the first candidate. Null
    /// when none is near enough to be a guess worth making.
    /// </summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = Levenshtein(word, c);
            if (d < bestDistance) (best, bestDistance) = (c, d);
        }
        return bestDistance > 0 && bestDistance <= 2 && bestDistance * 2 < word.TrimStart('-').Length ? best : null;
    }
}
