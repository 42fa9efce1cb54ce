using BenchmarkDotNet.Running;
using ProtectedActions.Benchmarks;
using ProtectedActions.Benchmarks.LoadTest;

// dotnet run -c Release --project tests/ProtectedActions.Benchmarks -- --filter '*' [--job short]
// dotnet run -c Release --project tests/ProtectedActions.Benchmarks -- --load-test [--requests N] [--connections C] ...
// dotnet run -c Release --project tests/ProtectedActions.Benchmarks -- --cost [--iterations N]
// dotnet run -c Release --project tests/ProtectedActions.Benchmarks -- --tenant-load-test [--tenants T] [--requests N] [--connections C] ...
if (args.Length > 0 && args[0] == "--load-test")
{
    return await LoadTestCommand.RunAsync(args);
}

if (args.Length > 0 && args[0] == "--tenant-load-test")
{
    return await TenantLoadTestCommand.RunAsync(args);
}

if (args.Length > 0 && args[0] == "--cost")
{
    return CostAnalysis.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
