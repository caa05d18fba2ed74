using BenchmarkDotNet.Running;
using PortfolioGen.Benchmarks;

// dotnet run -c Release --project tests/PortfolioGen.Benchmarks -- --filter '*'
// dotnet run -c Release --project tests/PortfolioGen.Benchmarks -- --quick 10000
if (args is ["--quick", var n])
{
    Quick.Run(int.Parse(n, System.Globalization.CultureInfo.InvariantCulture));
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
