using System.CommandLine;
using PortfolioGen.Cli.Commands;

namespace PortfolioGen.Cli;

/// <summary>The <c>portfoliogen</c> command tree.</summary>
internal static class App
{
    public static RootCommand Create() => new("PortfolioGen builds a researcher's homepage from a plain-text profile.")
    {
        NewCommand.Create(),
        BuildCommand.Create(),
        ServeCommand.Create(),
        CheckCommand.Create(),
        ParseCommand.Create(),
    };
}
