using System.CommandLine;
using PortfolioGen.Cli;
using PortfolioGen.Cli.Commands;

var root = new RootCommand("PortfolioGen builds a researcher's homepage from a plain-text profile.")
{
    ParseCommand.Create(),
    BuildCommand.Create(),
    ServeCommand.Create(),
};
return Cli.Run(root, args);
