using BenchmarkDotNet.Attributes;
using ProtectedActions.Compilation;
using static ProtectedActions.Benchmarks.BenchmarkConfigurations;

namespace ProtectedActions.Benchmarks;

/// <summary>Evaluation cost as the configuration grows, and the cost of compiling the largest one.</summary>
[MemoryDiagnoser]
public class ScaleBenchmarks
{
    private IProtectedActionEvaluator _evaluator = null!;
    private ProtectedActionRequest _local = null!;
    private ProtectedActionsOptions _largest = null!;

    [Params(10, 1_000, 10_000)]
    public int Permissions { get; set; }

    private int Policies => Permissions switch { 10 => 10, 1_000 => 500, _ => 2_000 };

    [GlobalSetup]
    public void Setup()
    {
        _evaluator = ProtectedActionEvaluator.Create(Scaled(Permissions, Policies), new FixedTime());
        _local = new(Protected, StrongSignIn());
        _largest = Scaled(10_000, 2_000);
        if (!AllowedByLocalPolicies().Result)
        {
            throw new InvalidOperationException("scaled scenario does not allow");
        }
    }

    [Benchmark]
    public async ValueTask<bool> AllowedByLocalPolicies() => (await _evaluator.EvaluateAsync(_local)).IsAllowed;

    /// <summary>Validating and compiling 10,000 permissions, 99 contexts and 2,000 policies (independent of the parameter).</summary>
    [Benchmark]
    public object? CompileLargest() => SnapshotCompiler.Compile(_largest, "ProtectedActions", Now, out _);
}
