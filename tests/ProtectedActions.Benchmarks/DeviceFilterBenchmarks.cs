using BenchmarkDotNet.Attributes;

namespace ProtectedActions.Benchmarks;

/// <summary>
/// A four-clause privileged-workstation rule: parse/compile once (start-up cost) and evaluate per sign-in
/// (must not allocate). The matching device evaluates all four comparisons; the unknown device short-circuits.
/// </summary>
[MemoryDiagnoser]
public class DeviceFilterBenchmarks
{
    private const string Rule =
        "device.isCompliant -eq True -and device.trustType -eq \"AzureAD\" -and device.extensionAttribute1 -eq \"PAW\" -and device.displayName -startsWith \"PAW-\"";

    private readonly DeviceFilterRule _rule = DeviceFilterRule.Parse(Rule);

    private readonly DeviceProperties _paw = new()
    {
        IsCompliant = true,
        TrustType = "AzureAD",
        ExtensionAttribute1 = "paw",
        DisplayName = "PAW-Contoso-042",
    };

    private readonly DeviceProperties _phone = new()
    {
        IsCompliant = true,
        TrustType = "AzureAD",
        ExtensionAttribute1 = "PAW",
        DisplayName = "Alice's iPhone",
    };

    [Benchmark(Baseline = true)]
    public bool MatchingDevice() => _rule.Matches(_paw);

    [Benchmark]
    public bool LastClauseFails() => _rule.Matches(_phone);

    [Benchmark]
    public bool UnknownDevice() => _rule.Matches(null);

    [Benchmark]
    public DeviceFilterRule ParseAndCompile() => DeviceFilterRule.Parse(Rule);
}
