using System.Net;
using System.Security.Claims;
using BenchmarkDotNet.Attributes;

namespace ProtectedActions.Benchmarks;

/// <summary>Mapping a JwtBearer-shaped principal of a typical Entra token to a sign-in.</summary>
[MemoryDiagnoser]
public class ClaimsBenchmarks
{
    private ClaimsPrincipal _principal = null!;
    private readonly IPAddress _address = IPAddress.Parse("203.0.113.10");

    [GlobalSetup]
    public void Setup() => _principal = BenchmarkConfigurations.EntraPrincipal();

    [Benchmark]
    public SignInContext MapEntraPrincipal() => SignInMapper.FromClaimsPrincipal(_principal, _address);
}
