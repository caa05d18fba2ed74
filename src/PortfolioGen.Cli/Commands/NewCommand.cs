using System.CommandLine;
using PortfolioGen.Profiles;
using PortfolioGen.Site;

namespace PortfolioGen.Cli.Commands;

/// <summary><c>portfoliogen new DIR [--profile FILE] [--name "…"]</c>: a ready repository for a new homepage.</summary>
internal static class NewCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "The folder to create (it must not exist, or be empty)" };
        var profile = new Option<string?>("--profile") { Description = "Start from this profile (copied into seeds/)", HelpName = "FILE" };
        var name = new Option<string?>("--name") { Description = "Your name, for the example profile (when there is no --profile)", HelpName = "NAME" };
        var command = new Command("new", "Create a new site: a profile, settings, an about page, Netlify and GitHub Pages configuration")
        {
            dir,
            profile,
            name,
        };
        command.SetAction(r => Execute(r.GetValue(dir)!, r.GetValue(profile), r.GetValue(name)));
        return command;
    }

    private static int Execute(string dir, string? profilePath, string? name)
    {
        if (File.Exists(dir)) return Cli.UsageError($"'{dir}' is a file; give a folder to create");
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
        {
            return Cli.UsageError($"'{dir}' is not empty; 'new' only writes into a new or empty folder, so nothing of yours is overwritten");
        }
        string? profileText = null;
        if (profilePath is not null)
        {
            if (!File.Exists(profilePath)) return Cli.UsageError($"the profile '{profilePath}' does not exist");
            // Read from its bytes, as a build reads it: a byte that is not UTF-8 is an error, not a U+FFFD copied into the new site.
            var parsed = ProfileParser.ParseFile(profilePath, displayPath: profilePath);
            if (parsed.HasErrors || parsed.Profile is null)
            {
                Cli.Report(parsed.Diagnostics);
                Console.Error.WriteLine("the profile has errors; fix them first (nothing was created)");
                return Cli.Failed;
            }
            profileText = File.ReadAllText(profilePath);
            if (name is not null && PortfolioGen.Text.PersonNames.Key(name) != PortfolioGen.Text.PersonNames.Key(parsed.Profile.Name))
            {
                Console.Error.WriteLine($"note: --name '{name}' is ignored; the profile names its owner '{parsed.Profile.Name}'");
            }
            name = parsed.Profile.Name;
        }
        name ??= "Your Name";
        if (string.IsNullOrWhiteSpace(name)) return Cli.UsageError("--name must not be empty");
        var files = Scaffold.Write(dir, profileText, name.Trim());
        Console.Out.WriteLine($"Created {dir}/ for {name}:");
        foreach (var f in files) Console.Out.WriteLine("  " + f);
        Console.Out.WriteLine();
        Console.Out.WriteLine("Next:");
        Console.Out.WriteLine($"  cd {dir}");
        Console.Out.WriteLine("  portfoliogen serve      # preview with live reload while you edit seeds/ and content/");
        Console.Out.WriteLine("  portfoliogen build      # build into _site/");
        return Cli.Ok;
    }
}
