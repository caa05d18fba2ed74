using BenchmarkDotNet.Running;
using PortfolioGen.Benchmarks;

// dotnet run -c Release --project tests/PortfolioGen.Benchmarks -- --filter '*'
// dotnet run -c Release --project tests/PortfolioGen.Benchmarks -- --quick 10000
// dotnet run -c Release --project tests/PortfolioGen.Benchmarks -- --serve-edit 10000 [edits] [--no-cards]
// dotnet run -c Release --project tests/PortfolioGen.Benchmarks -- --reparse PROFILE
// dotnet run -c Release --project tests/PortfolioGen.Benchmarks -- --allocations 1000
// dotnet run -c Release --project tests/PortfolioGen.Benchmarks -- --commit-replaced [FOLDER]
if (args is ["--commit-replaced", .. var where] && where.Length <= 1)
{
    CommitReplaced.Run(where.Length == 1 ? where[0] : null);
    return;
}
if (args is ["--reparse", var profile])
{
    Reparse.Run(profile);
    return;
}
if (args is ["--quick", var n])
{
    Quick.Run(int.Parse(n, System.Globalization.CultureInfo.InvariantCulture));
    return;
}
if (args is ["--allocations", var size])
{
    await Allocations.Run(int.Parse(size, System.Globalization.CultureInfo.InvariantCulture));
    return;
}
if (args is ["--serve-edit", var m, ..] && args.Length <= 4)
{
    await ServeEdit.Run(int.Parse(m, System.Globalization.CultureInfo.InvariantCulture),
        args.Length >= 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5, cards: args is not [.., "--no-cards"]);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
