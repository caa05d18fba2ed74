using System.CommandLine;

namespace PortfolioGen.Cli;

/// <summary>Exit codes and the shared plumbing of every command.</summary>
internal static class Cli
{
    /// <summary>Success (warnings allowed).</summary>
    public const int Ok = 0;
    /// <summary>The input has errors (or warnings under <c>--strict</c>), or a check failed.</summary>
    public const int Failed = 1;
    /// <summary>The command line is wrong, or a file or folder it names does not exist.</summary>
    public const int Usage = 2;

    public static int Run(RootCommand root, string[] args)
    {
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            var guesses = Guesses(result);
            foreach (var error in result.Errors)
            {
                var guess = guesses.FirstOrDefault(g => error.Message.Contains($"'{g.Token}'", StringComparison.Ordinal));
                Console.Error.WriteLine($"error: {error.Message}{(guess.Meant is { } meant ? $" Did you mean '{meant}'?" : "")}");
            }
            UsageHint(CommandPath(result));
            return Usage;
        }
        return result.Invoke();
    }

    // For each word the parser did not recognise, the command or option of the command it was given to that it is a
    // misspelling of, if one is near (see EditDistance.Closest).
    private static List<(string Token, string? Meant)> Guesses(ParseResult result)
    {
        var command = result.CommandResult.Command;
        var names = command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name))
            .Concat(command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)))
            .ToList();
        return [.. result.UnmatchedTokens.Select(t => (t, Text.EditDistance.Closest(t, names)))];
    }

    /// <summary>Points to a command's help, after a usage error.</summary>
    public static void UsageHint(string commandPath) => Console.Error.WriteLine($"Run '{commandPath} --help' to see the usage.");

    /// <summary>
    /// <c>portfoliogen</c> without a command: one error and the usage hint. The root command has this as its action so
    /// that the parser does not require a command itself: it then reported "Required command was not provided" above
    /// "Unrecognized command or argument" for a misspelt command, which the user had provided.
    /// </summary>
    public static int MissingCommand(RootCommand root)
    {
        Console.Error.WriteLine($"error: no command given; the commands are {string.Join(", ", root.Subcommands.Select(c => c.Name))}");
        UsageHint("portfoliogen");
        return Usage;
    }

    private static string CommandPath(ParseResult result)
    {
        var names = new List<string>();
        for (var r = result.CommandResult; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(r.Command is RootCommand ? "portfoliogen" : r.Command.Name);
        }
        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>Prints a usage-level problem (missing file, bad folder) and returns <see cref="Usage"/>.</summary>
    public static int UsageError(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return Usage;
    }

    /// <summary>Writes diagnostics to stderr, compiler style, and returns whether any is an error.</summary>
    public static bool Report(IEnumerable<Diagnostic> diagnostics, bool quiet = false)
    {
        var errors = false;
        foreach (var d in diagnostics)
        {
            errors |= d.Severity == DiagnosticSeverity.Error;
            if (quiet && d.Severity != DiagnosticSeverity.Error) continue;
            Console.Error.WriteLine(d.ToString());
        }
        return errors;
    }
}
