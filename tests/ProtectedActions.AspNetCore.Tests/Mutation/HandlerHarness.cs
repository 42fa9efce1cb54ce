using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.Mutation;

/// <summary>
/// What the tests that drive <see cref="ProtectedActionAuthorizationHandler"/> directly share: the test scenario's
/// services with one trusted issuer (for the handler's configuration status) and an evaluator with one programmed
/// outcome that records every request and cancellation token.
/// </summary>
internal static class HandlerHarness
{
    /// <summary>The one issuer the services trust.</summary>
    public const string Trusted = "https://login.microsoftonline.com/7c3a9e51-2b4d-4f6a-8e1c-5d9b0a2f4c63/v2.0";

    /// <summary>The permission the tests' requirement names.</summary>
    public const string Permission = TestScenario.Create;

    /// <summary>The test scenario's services, trusting only <see cref="Trusted"/>; the caller disposes them.</summary>
    public static ServiceProvider CreateServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddProtectedActions(o =>
        {
            TestScenario.Configure(o);
            o.Settings.TrustedIssuers = [Trusted];
        });
        return services.BuildServiceProvider();
    }

    /// <summary>An authenticated (or not) identity with an <c>oid</c> and, when given, an <c>iss</c> claim.</summary>
    public static ClaimsIdentity Identity(string oid, string? issuer = Trusted, bool authenticated = true)
    {
        var claims = new List<Claim> { new("oid", oid) };
        if (issuer is not null)
        {
            claims.Add(new Claim("iss", issuer));
        }

        return authenticated ? new ClaimsIdentity(claims, "Bearer") : new ClaimsIdentity(claims);
    }
}

/// <summary>An evaluator with one programmed outcome, answering synchronously or not, recording every request and token.</summary>
internal sealed class ProgrammedEvaluator(ProtectedActionOutcome outcome) : IProtectedActionEvaluator
{
    private readonly List<ProtectedActionRequest> _requests = [];
    private readonly List<CancellationToken> _tokens = [];

    public IReadOnlyList<ProtectedActionRequest> Requests => _requests;

    public IReadOnlyList<CancellationToken> Tokens => _tokens;

    public bool Asynchronous { get; init; }

    public Exception? Throw { get; init; }

    public ValueTask<ProtectedActionDecision> EvaluateAsync(ProtectedActionRequest request, CancellationToken cancellationToken = default)
    {
        _requests.Add(request);
        _tokens.Add(cancellationToken);
        if (Throw is not null)
        {
            throw Throw;
        }

        var decision = ProtectedActionDecision.Create(outcome, request.Permission, "c1");
        return Asynchronous ? new(Later(decision)) : new(decision);
    }

    private static async Task<ProtectedActionDecision> Later(ProtectedActionDecision decision)
    {
        await Task.Yield();
        return decision;
    }
}
