using PortfolioGen.Cli;

return Cli.Run(App.Create(), args);
