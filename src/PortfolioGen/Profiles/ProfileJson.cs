using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PortfolioGen.Profiles;

/// <summary>
/// The profile model as JSON (camelCase), written field by field so the shape is exactly the documented
/// one, the order stable, and no reflection is needed.
/// </summary>
public static class ProfileJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Names in any script stay readable; the output is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the model and the diagnostics.</summary>
    public static void Write(Stream stream, Profile? profile, IReadOnlyList<Diagnostic> diagnostics)
    {
        using var w = new Utf8JsonWriter(stream, Options);
        w.WriteStartObject();
        if (profile is not null)
        {
            w.WriteString("name", profile.Name);
            if (profile.PrimaryCategory is { } pc) { w.WritePropertyName("primaryCategory"); WriteCategory(w, pc); }
            else w.WriteNull("primaryCategory");
            w.WriteStartObject("figures");
            WriteNumber(w, "hIndex", profile.Figures.HIndex);
            WriteNumber(w, "papers", profile.Figures.Papers);
            WriteNumber(w, "citations", profile.Figures.Citations);
            WriteNumber(w, "noveltyPercent", profile.Figures.NoveltyPercent);
            WriteNumber(w, "aiScore", profile.Figures.AiScore);
            w.WriteEndObject();
            WriteNumber(w, "declaredPaperCount", profile.DeclaredPaperCount);
            w.WriteStartArray("papers");
            foreach (var p in profile.Papers) WritePaper(w, p);
            w.WriteEndArray();
            w.WriteStartArray("coauthors");
            foreach (var c in profile.CoAuthors)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteString("slug", c.Slug);
                w.WriteStartArray("papers");
                foreach (var s in c.Papers) w.WriteStringValue(s);
                w.WriteEndArray();
                w.WriteNumber("firstYear", c.FirstYear);
                w.WriteNumber("lastYear", c.LastYear);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteStartArray("diagnostics");
        foreach (var d in diagnostics)
        {
            w.WriteStartObject();
            w.WriteString("severity", d.SeverityText);
            w.WriteString("code", d.Code);
            w.WriteString("file", d.File);
            w.WriteNumber("line", d.Line);
            w.WriteNumber("column", d.Column);
            w.WriteString("message", d.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The JSON as a string.</summary>
    public static string ToJson(Profile? profile, IReadOnlyList<Diagnostic> diagnostics)
    {
        using var ms = new MemoryStream();
        Write(ms, profile, diagnostics);
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void WritePaper(Utf8JsonWriter w, Paper p)
    {
        w.WriteStartObject();
        w.WriteString("slug", p.Slug);
        w.WriteString("title", p.Title);
        w.WritePropertyName("category");
        WriteCategory(w, p.Category);
        w.WriteString("date", p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteBoolean("hasCode", p.HasCode);
        w.WriteStartArray("authors");
        foreach (var author in p.Authors) w.WriteStringValue(author);
        w.WriteEndArray();
        w.WriteBoolean("authorsTruncated", p.AuthorsTruncated);
        if (p.Organization is null) w.WriteNull("organization"); else w.WriteString("organization", p.Organization);
        if (p.Abstract is { } a)
        {
            w.WriteStartObject("abstract");
            w.WriteString("source", a.Source);
            w.WriteString("html", a.Html);
            w.WriteString("text", a.Text);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("abstract");
        }
        w.WriteEndObject();
    }

    private static void WriteCategory(Utf8JsonWriter w, Category c)
    {
        w.WriteStartObject();
        w.WriteString("code", c.Code);
        w.WriteString("name", c.Name);
        w.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v) w.WriteNumber(name, v); else w.WriteNull(name);
    }
}
