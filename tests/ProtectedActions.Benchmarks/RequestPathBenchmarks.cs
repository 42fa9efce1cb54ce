using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ProtectedActions.AspNetCore;
using static ProtectedActions.Benchmarks.BenchmarkConfigurations;

namespace ProtectedActions.Benchmarks;

/// <summary>
/// The whole authorization path of one request, measured from outside: one
/// <see cref="AuthorizationServiceExtensions.AuthorizeAsync(IAuthorizationService, ClaimsPrincipal, object, AuthorizationPolicy)"/> with a
/// fresh <see cref="DefaultHttpContext"/> (remote address set) through a real service provider, the real
/// protected-action handler, and a 24-claim Entra principal. The baseline is ASP.NET Core's one-claim policy.
/// </summary>
/// <remarks>
/// The protected policies are built with the public <see cref="ProtectedActionRequirement"/>, exactly what the
/// authorization middleware combines from <c>RequireProtectedAction(...)</c> endpoint metadata (plus
/// <c>RequireAuthenticatedUser()</c>, which <c>RequireAuthorization()</c> adds by default); combining the
/// policy per request is the middleware's cost and the same for both sides, so it is left out.
/// </remarks>
[MemoryDiagnoser]
public class RequestPathBenchmarks
{
    private IAuthorizationService _authorization = null!;
    private AuthorizationPolicy _requireClaim = null!;
    private AuthorizationPolicy _protected = null!;
    private ClaimsPrincipal _fido2 = null!;
    private ClaimsPrincipal _acrs = null!;
    private ClaimsPrincipal _password = null!;

    [GlobalSetup]
    public void Setup()
    {
        _authorization = CreateServices().GetRequiredService<IAuthorizationService>();
        _requireClaim = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim("scp", "access_as_user").Build();
        _protected = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new ProtectedActionRequirement(Protected)).Build();
        _fido2 = RequestPathPrincipal(SignInKind.Fido2);
        _acrs = RequestPathPrincipal(SignInKind.Acrs);
        _password = RequestPathPrincipal(SignInKind.Password);

        // Every scenario must decide as its name says, or the numbers mean nothing.
        Expect(AuthorizeRequireClaim(), true, nameof(AuthorizeRequireClaim));
        Expect(AuthorizeProtectedAllowedByLocalPolicies(), true, nameof(AuthorizeProtectedAllowedByLocalPolicies));
        Expect(AuthorizeProtectedAllowedByAcrs(), true, nameof(AuthorizeProtectedAllowedByAcrs));
        Expect(AuthorizeProtectedStepUp(), false, nameof(AuthorizeProtectedStepUp));
        ExpectDecision(_fido2, ProtectedActionOutcome.Allowed, SatisfiedBy.Policies);
        ExpectDecision(_acrs, ProtectedActionOutcome.Allowed, SatisfiedBy.Token);
        ExpectDecision(_password, ProtectedActionOutcome.StepUpRequired, null);
    }

    [Benchmark(Baseline = true)]
    public Task<bool> AuthorizeRequireClaim() => Authorize(_fido2, _requireClaim);

    /// <summary>FIDO2 sign-in ten minutes ago, from the office: strength, frequency and location policies evaluated.</summary>
    [Benchmark]
    public Task<bool> AuthorizeProtectedAllowedByLocalPolicies() => Authorize(_fido2, _protected);

    /// <summary>A token with <c>acrs</c> c1 from the trusted issuer.</summary>
    [Benchmark]
    public Task<bool> AuthorizeProtectedAllowedByAcrs() => Authorize(_acrs, _protected);

    /// <summary>Password sign-in: step-up required (the decision and its challenge; writing the 401 is the middleware's).</summary>
    [Benchmark]
    public Task<bool> AuthorizeProtectedStepUp() => Authorize(_password, _protected);

    /// <summary>The service provider of the request path, registered as a host registers it.</summary>
    internal static ServiceProvider CreateServices()
    {
        var services = new ServiceCollection();
        // As a host registers them: logging (no providers: the NullLogger's cost), metrics, options.
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton<TimeProvider>(new FixedTime());
        services.AddAuthorization();
        services.AddProtectedActions(o => Copy(RequestPath(), o)).AddAspNetCore();
        return services.BuildServiceProvider();
    }

    private async Task<bool> Authorize(ClaimsPrincipal user, AuthorizationPolicy policy)
    {
        var http = NewHttpContext(user);
        return (await _authorization.AuthorizeAsync(user, http, policy)).Succeeded;
    }

    /// <summary>What the server hands the authorization middleware: a fresh context with the caller's address.</summary>
    internal static DefaultHttpContext NewHttpContext(ClaimsPrincipal user)
    {
        var http = new DefaultHttpContext { User = user };
        http.Connection.RemoteIpAddress = OfficeAddress;
        return http;
    }

    private void ExpectDecision(ClaimsPrincipal user, ProtectedActionOutcome outcome, SatisfiedBy? by)
    {
        var http = NewHttpContext(user);
        _ = _authorization.AuthorizeAsync(user, http, _protected).GetAwaiter().GetResult();
        var decision = http.Features.Get<IProtectedActionFeature>()?.Decisions.SingleOrDefault()
            ?? throw new InvalidOperationException("no protected-action decision was recorded");
        if (decision.Outcome != outcome || (by is not null && decision.SatisfiedBy != by))
        {
            throw new InvalidOperationException($"expected {outcome} ({by}), got {decision.Outcome} ({decision.SatisfiedBy}): {string.Join("; ", decision.Reasons)}");
        }
    }

    private static void Expect(Task<bool> result, bool expected, string name)
    {
        if (result.GetAwaiter().GetResult() != expected)
        {
            throw new InvalidOperationException($"{name} does not decide as intended");
        }
    }

    /// <summary>Copies a built configuration into the options instance the options system hands over.</summary>
    internal static void Copy(ProtectedActionsOptions from, ProtectedActionsOptions to)
    {
        to.AuthenticationContexts = from.AuthenticationContexts;
        to.ProtectedActions = from.ProtectedActions;
        to.ConditionalAccessPolicies = from.ConditionalAccessPolicies;
        to.AuthenticationStrengthPolicies = from.AuthenticationStrengthPolicies;
        to.NamedLocations = from.NamedLocations;
        to.EmergencyAccessAccounts = from.EmergencyAccessAccounts;
        to.Settings = from.Settings;
    }
}
