using System.CommandLine;
using PortfolioGen.Cli.Commands;

namespace PortfolioGen.Cli;

/// <summary>The <c>portfoliogen</c> command tree.</summary>
internal static class App
{
    public static RootCommand Create()
    {
        var root = new RootCommand("PortfolioGen builds a researcher's homepage from a plain-text profile.")
        {
            NewCommand.Create(),
            BuildCommand.Create(),
            ServeCommand.Create(),
            CheckCommand.Create(),
            ParseCommand.Create(),
        };
        root.SetAction(_ => Cli.MissingCommand(root));
        return root;
    }
}
