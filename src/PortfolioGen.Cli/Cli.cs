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
            foreach (var error in result.Errors)
            {
                Console.Error.WriteLine($"error: {error.Message}");
            }
            var command = result.CommandResult.Command;
            Console.Error.WriteLine($"Run '{CommandPath(command, result)} --help' to see the usage.");
            return Usage;
        }
        return result.Invoke();
    }

    private static string CommandPath(Command command, ParseResult result)
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
