using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using static ProtectedActions.Benchmarks.BenchmarkConfigurations;

namespace ProtectedActions.Benchmarks;

/// <summary>The evaluator's paths against ASP.NET Core's single-claim policy check (the baseline).</summary>
[MemoryDiagnoser]
public class EvaluatorBenchmarks
{
    private IAuthorizationService _authorization = null!;
    private AuthorizationPolicy _requireAcrs = null!;
    private ClaimsPrincipal _principal = null!;
    private IProtectedActionEvaluator _evaluator = null!;
    private ProtectedActionRequest _acrs = null!;
    private ProtectedActionRequest _local = null!;
    private ProtectedActionRequest _stepUp = null!;
    private ProtectedActionRequest _denied = null!;
    private ProtectedActionRequest _notProtected = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection().AddLogging().AddAuthorizationCore().BuildServiceProvider();
        _authorization = services.GetRequiredService<IAuthorizationService>();
        _requireAcrs = new AuthorizationPolicyBuilder().RequireClaim("acrs", "c1").Build();
        _principal = EntraPrincipal();
        _evaluator = ProtectedActionEvaluator.Create(Evaluator(), new FixedTime());
        _acrs = new(Protected, AcrsSignIn());
        _local = new(Protected, StrongSignIn());
        _stepUp = new(Protected, PasswordSignIn());
        _denied = new(Blocked, StrongSignIn());
        _notProtected = new(Unprotected, PasswordSignIn());
        if (!AllowedByLocalPolicies().Result || StepUpRequired().Result.Length == 0 || Denied().Result || !NotProtected().Result || !AllowedByAcrsClaim().Result)
        {
            throw new InvalidOperationException("benchmark scenarios do not decide as intended");
        }
    }

    [Benchmark(Baseline = true)]
    public async Task<bool> AspNetCoreRequireClaim() => (await _authorization.AuthorizeAsync(_principal, null, _requireAcrs)).Succeeded;

    [Benchmark]
    public async ValueTask<bool> AllowedByAcrsClaim() => (await _evaluator.EvaluateAsync(_acrs)).IsAllowed;

    [Benchmark]
    public async ValueTask<bool> AllowedByLocalPolicies() => (await _evaluator.EvaluateAsync(_local)).IsAllowed;

    /// <summary>Includes reading the Entra challenge header the HTTP layer would send.</summary>
    [Benchmark]
    public async ValueTask<string> StepUpRequired() => (await _evaluator.EvaluateAsync(_stepUp)).Challenge?.WwwAuthenticate[0] ?? "";

    [Benchmark]
    public async ValueTask<bool> Denied() => (await _evaluator.EvaluateAsync(_denied)).IsAllowed;

    [Benchmark]
    public async ValueTask<bool> NotProtected() => (await _evaluator.EvaluateAsync(_notProtected)).IsAllowed;
}
