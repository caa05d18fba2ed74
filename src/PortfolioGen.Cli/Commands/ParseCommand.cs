using System.CommandLine;
using System.Globalization;
using PortfolioGen.Profiles;
using PortfolioGen.Site;

namespace PortfolioGen.Cli.Commands;

/// <summary><c>portfoliogen parse FILE [--json]</c>: reads a profile and shows what the generator sees.</summary>
internal static class ParseCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The profile to read, e.g. seeds/ang-lv.txt" };
        var json = new Option<bool>("--json") { Description = "Print the whole model as JSON on stdout instead of a summary" };
        var content = new Option<string?>("--content") { Description = "The content folder whose site.yml gives owner.aliases, as build reads it (default: content)", HelpName = "DIR" };
        var command = new Command("parse", "Read a profile and print what it says: owner, figures, papers by year with their slugs, co-authors, problems")
        {
            file,
            json,
            content,
        };
        command.SetAction(result => Execute(result.GetValue(file)!, result.GetValue(json), result.GetValue(content)));
        return command;
    }

    private static int Execute(string path, bool json, string? content)
    {
        if (content is not null && !Directory.Exists(content))
        {
            return Cli.UsageError(File.Exists(content) ? $"'{content}' is a file; --content takes a folder" : $"the content folder '{content}' does not exist");
        }
        if (Directory.Exists(path))
        {
            return Cli.UsageError($"'{path}' is a folder; give the profile file, e.g. seeds/ang-lv.txt");
        }
        if (!File.Exists(path))
        {
            return Cli.UsageError($"the profile '{path}' does not exist");
        }
        // The owner's other spellings come from site.yml, as in build (run in the site's folder, it reads content/site.yml):
        // without them parse listed an alias as a co-author and asked for it to be added to owner.aliases.
        var (aliases, settingsFile) = OwnerAliases(content);
        var parsed = ProfileParser.ParseFile(path, new ProfileParseOptions { OwnerAliases = aliases });
        if (json)
        {
            using var stdout = Console.OpenStandardOutput();
            ProfileJson.Write(stdout, parsed.Profile, parsed.Diagnostics);
            stdout.WriteByte((byte)'\n');
            // The JSON carries the diagnostics; errors still go to stderr so a CI log shows them.
            Cli.Report(parsed.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        }
        else
        {
            if (parsed.Profile is { } profile) Console.Out.Write(Summarize(profile, aliases, settingsFile));
            Cli.Report(parsed.Diagnostics);
            var errors = parsed.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            var warnings = parsed.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{errors} error(s), {warnings} warning(s)"));
        }
        return parsed.HasErrors ? Cli.Failed : Cli.Ok;
    }

    // owner.aliases from the content folder's site.yml, and that file; none when there is no such file. Its problems are
    // build's to report.
    private static (IReadOnlyList<string> Aliases, string? File) OwnerAliases(string? content)
    {
        var file = Path.Combine(content ?? "content", "site.yml");
        return SettingsReader.ReadQuietly(file) is { } settings ? (settings.Owner.Aliases, file.Replace('\\', '/')) : ([], null);
    }

    /// <summary>The human-readable summary.</summary>
    public static string Summarize(Profile profile, IReadOnlyList<string>? aliases = null, string? settingsFile = null)
    {
        var inv = CultureInfo.InvariantCulture;
        var w = new StringWriter(inv);
        w.WriteLine(profile.Name);
        if (profile.PrimaryCategory is { } pc) w.WriteLine($"  primary area  {pc.Name} ({pc.Code})");
        var f = profile.Figures;
        var figures = new List<string>();
        if (f.HIndex is { } h) figures.Add(string.Create(inv, $"h-index {h}"));
        if (f.Papers is { } p) figures.Add(string.Create(inv, $"{p} papers"));
        if (f.Citations is { } c) figures.Add(string.Create(inv, $"{c} citations"));
        if (f.NoveltyPercent is { } n) figures.Add(string.Create(inv, $"novelty {n}%"));
        if (f.AiScore is { } a) figures.Add(string.Create(inv, $"AI score {a}"));
        if (figures.Count > 0) w.WriteLine($"  figures       {string.Join(" · ", figures)}");
        if (aliases is { Count: > 0 }) w.WriteLine($"  aliases       {string.Join(", ", aliases)} (owner.aliases in {settingsFile})");
        w.WriteLine(string.Create(inv, $"  papers        {profile.Papers.Length} listed") +
                    (profile.DeclaredPaperCount is { } d ? string.Create(inv, $", {d} declared") : ""));
        w.WriteLine();
        w.WriteLine("Papers by year");
        foreach (var year in profile.Papers.GroupBy(x => x.Date.Year).OrderByDescending(g => g.Key))
        {
            w.WriteLine(string.Create(inv, $"  {year.Key} ({year.Count()})"));
            foreach (var paper in year.OrderByDescending(x => x.Date).ThenBy(x => x.Slug, StringComparer.Ordinal))
            {
                var code = paper.HasCode ? "  [code]" : "";
                w.WriteLine(string.Create(inv, $"    {paper.Date:yyyy-MM-dd}  {paper.Category.Code,-8} {paper.TitleMarkup.Readable}{code}"));
                // The slug names the paper's page and its additions file (content/papers/<slug>.md), and 'featured' takes it.
                w.WriteLine($"                         slug: {paper.Slug}");
            }
        }
        w.WriteLine();
        w.WriteLine(string.Create(inv, $"Co-authors ({profile.CoAuthors.Length})"));
        foreach (var co in profile.CoAuthors)
        {
            var years = co.FirstYear == co.LastYear ? co.FirstYear.ToString(inv) : string.Create(inv, $"{co.FirstYear}–{co.LastYear}");
            var count = co.Papers.Length == 1 ? "1 paper " : string.Create(inv, $"{co.Papers.Length} papers");
            w.WriteLine(string.Create(inv, $"  {co.Name,-28} {count,9}  {years}"));
        }
        w.WriteLine();
        return w.ToString();
    }
}
