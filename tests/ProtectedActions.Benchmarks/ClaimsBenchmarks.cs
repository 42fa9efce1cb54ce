using System.Net;
using System.Security.Claims;
using BenchmarkDotNet.Attributes;

namespace ProtectedActions.Benchmarks;

/// <summary>Mapping a JwtBearer-shaped principal of a typical Entra token to a sign-in.</summary>
[MemoryDiagnoser]
public class ClaimsBenchmarks
{
    private ClaimsPrincipal _principal = null!;
    private ClaimsPrincipal _twoHundredGroups = null!;
    private readonly IPAddress _address = IPAddress.Parse("203.0.113.10");

    [GlobalSetup]
    public void Setup()
    {
        _principal = BenchmarkConfigurations.EntraPrincipal();
        // 24 claims of which 2 are groups, plus 198 more groups: 200 groups (Entra's limit before a JWT overage), 222 claims.
        _twoHundredGroups = BenchmarkConfigurations.RequestPathPrincipal(BenchmarkConfigurations.SignInKind.Fido2, extraGroups: 198);
        if (SignInMapper.FromClaimsPrincipal(_twoHundredGroups, _address).GroupIds?.Count != 200)
        {
            throw new InvalidOperationException("the 200-group principal does not map to 200 groups");
        }
    }

    /// <summary>24 claims.</summary>
    [Benchmark]
    public SignInContext MapEntraPrincipal() => SignInMapper.FromClaimsPrincipal(_principal, _address);

    /// <summary>222 claims, 200 of them <c>groups</c>.</summary>
    [Benchmark]
    public SignInContext MapPrincipalWith200Groups() => SignInMapper.FromClaimsPrincipal(_twoHundredGroups, _address);
}
