namespace PortfolioGen.Site;

/// <summary>
/// Splits a Markdown file into its YAML front matter (between <c>---</c> lines at the very top) and its
/// body, remembering on which line each starts so messages point into the file.
/// </summary>
public static class FrontMatter
{
    /// <summary>The parts of a file; <paramref name="Yaml"/> is null when there is no front matter.</summary>
    public sealed record Parts(string? Yaml, int YamlFirstLine, string Body, int BodyFirstLine);

    /// <summary>Splits text (a BOM and CRLF line ends are fine). An unterminated block is reported.</summary>
    public static Parts Split(string text, string file, List<Diagnostic> diagnostics)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (!text.StartsWith("---\n", StringComparison.Ordinal) && text != "---")
        {
            return new Parts(null, 0, text, 1);
        }
        var lines = text.Split('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd() is "---" or "...")
            {
                var yaml = string.Join('\n', lines[1..i]);
                var body = string.Join('\n', lines[(i + 1)..]);
                return new Parts(yaml, 2, body, i + 2);
            }
        }
        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.FrontMatterSyntax, file, 1, 1, "the front matter that starts here is never closed by a '---' line"));
        return new Parts(null, 0, text, 1);
    }
}
