using System.Net;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Identity.Client;

namespace ProtectedActions.Tests.SignIns;

/// <summary>From a token minted and validated here, through <see cref="SignInMapper"/>, to the evaluator's decision and challenge.</summary>
public class TokenToDecisionTests
{
    private const string Permission = "contoso.billing/invoices/approve";
    private const string PhishingResistant = KnownAuthenticationStrengths.PhishingResistantMfa;
    private const string OtherIssuer = "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0";

    private static ProtectedActionsOptions Options(Action<ProtectedActionsOptions>? configure = null)
    {
        var options = new ProtectedActionsOptions
        {
            AuthenticationContexts = [new AuthenticationContextDefinition { Id = "c1", DisplayName = "Approve invoices" }],
            ProtectedActions = [new ProtectedActionAssignment { Permission = Permission, AuthenticationContextId = "c1" }],
            ConditionalAccessPolicies =
            [
                new ConditionalAccessPolicy
                {
                    Id = "p1",
                    DisplayName = "Phishing-resistant MFA to approve invoices",
                    State = "enabled",
                    Conditions = new ConditionalAccessConditions
                    {
                        Applications = new ConditionalAccessApplications { IncludeAuthenticationContextClassReferences = ["c1"] },
                        Users = new ConditionalAccessUsers { IncludeUsers = ["All"] },
                    },
                    GrantControls = new ConditionalAccessGrantControls
                    {
                        Operator = "OR",
                        AuthenticationStrength = new AuthenticationStrengthReference { Id = PhishingResistant },
                    },
                },
            ],
            Settings = new ProtectedActionsSettings { ChallengeFormat = ChallengeFormat.Both, TrustedIssuers = [TestTokens.EntraIssuer] },
        };
        configure?.Invoke(options);
        return options;
    }

    private static readonly FakeTimeProvider Clock = new(DateTimeOffset.UtcNow);

    private static async Task<ProtectedActionDecision> DecideAsync(ProtectedActionsOptions options, Dictionary<string, object?> claims,
        Func<string, string?, SignInContext> map, string? issuer = null)
    {
        if (issuer is not null)
        {
            claims["iss"] = issuer;
        }

        var signIn = map(TestTokens.Mint(claims), issuer);
        var evaluator = ProtectedActionEvaluator.Create(options, Clock);
        return await evaluator.EvaluateAsync(new ProtectedActionRequest(Permission, signIn), CancellationToken.None);
    }

    private static Dictionary<string, object?> User(params string[] amr) => new()
    {
        ["oid"] = "6f1b2c3d-0000-4000-8000-000000000001",
        ["tid"] = TestTokens.TenantId,
        ["amr"] = amr,
        ["auth_time"] = Clock.GetUtcNow().AddMinutes(-5).ToUnixTimeSeconds(),
        ["xms_cc"] = new[] { "cp1" },
    };

    [TestCaseSource(typeof(TestTokens), nameof(TestTokens.Modes))]
    public async Task A_password_only_sign_in_must_step_up_with_a_challenge_msal_understands(Func<string, string?, SignInContext> map)
    {
        var decision = await DecideAsync(Options(), User("pwd"), map);

        decision.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        decision.Challenge!.AuthenticationContextId.Should().Be("c1");
        decision.Challenge!.WwwAuthenticate.Should().HaveCount(2);
        using var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        foreach (var value in decision.Challenge.WwwAuthenticate)
        {
            response.Headers.WwwAuthenticate.Add(System.Net.Http.Headers.AuthenticationHeaderValue.Parse(value));
        }

        WwwAuthenticateParameters.GetClaimChallengeFromResponseHeaders(response.Headers)
            .Should().Be("{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}");
        ChallengeParser.Parse(decision.Challenge.WwwAuthenticate[1])[0].AcrValues.Should().Equal("c1");
    }

    [Test]
    public async Task Password_and_mfa_is_not_phishing_resistant()
    {
        var decision = await DecideAsync(Options(), User("pwd", "mfa"), TestTokens.MappingModes[0].Map);
        decision.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [TestCaseSource(typeof(TestTokens), nameof(TestTokens.Modes))]
    public async Task An_entra_fido2_sign_in_is_allowed(Func<string, string?, SignInContext> map)
    {
        var decision = await DecideAsync(Options(), User("fido", "mfa"), map);
        decision.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        decision.SatisfiedBy.Should().Be(SatisfiedBy.Policies);
    }

    [Test]
    public async Task An_rfc8176_fido2_sign_in_is_allowed()
    {
        var decision = await DecideAsync(Options(), User("hwk", "pin"), TestTokens.MappingModes[3].Map);
        decision.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }

    [TestCaseSource(typeof(TestTokens), nameof(TestTokens.Modes))]
    public async Task A_stale_auth_time_must_step_up_with_a_max_age(Func<string, string?, SignInContext> map)
    {
        var options = Options(o =>
        {
            o.ConditionalAccessPolicies[0].GrantControls = new ConditionalAccessGrantControls { Operator = "OR", BuiltInControls = ["mfa"] };
            o.ConditionalAccessPolicies[0].SessionControls = new ConditionalAccessSessionControls
            {
                SignInFrequency = new SignInFrequencySessionControl { IsEnabled = true, Value = 1, Type = "hours", FrequencyInterval = "timeBased" },
            };
        });
        var fresh = User("pwd", "mfa");
        var stale = User("pwd", "mfa");
        stale["auth_time"] = Clock.GetUtcNow().AddHours(-2).ToUnixTimeSeconds();

        (await DecideAsync(options, fresh, map)).Outcome.Should().Be(ProtectedActionOutcome.Allowed);

        var decision = await DecideAsync(options, stale, map);
        decision.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        decision.MaxAgeSeconds.Should().Be(3600);
        decision.Challenge!.MaxAgeSeconds.Should().Be(3600);
        ChallengeParser.Parse(decision.Challenge.WwwAuthenticate[1])[0].MaxAge.Should().Be(3600);
    }

    [Test]
    public async Task A_malformed_auth_time_fails_sign_in_frequency_and_is_named_in_the_reasons()
    {
        var options = Options(o =>
        {
            o.ConditionalAccessPolicies[0].GrantControls = new ConditionalAccessGrantControls { Operator = "OR", BuiltInControls = ["mfa"] };
            o.ConditionalAccessPolicies[0].SessionControls = new ConditionalAccessSessionControls
            {
                SignInFrequency = new SignInFrequencySessionControl { IsEnabled = true, Value = 1, Type = "hours", FrequencyInterval = "timeBased" },
            };
        });
        var claims = User("pwd", "mfa");
        claims["auth_time"] = "yesterday";

        var decision = await DecideAsync(options, claims, TestTokens.MappingModes[0].Map);
        decision.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        decision.Reasons.Should().Contain(r => r.StartsWith("auth_time:")).And.NotContain(r => r.Contains("yesterday"));
    }

    [TestCaseSource(typeof(TestTokens), nameof(TestTokens.Modes))]
    public async Task Acrs_from_an_untrusted_issuer_are_ignored(Func<string, string?, SignInContext> map)
    {
        var options = Options(o => o.Settings.TrustedIssuers = [TestTokens.EntraIssuer]);
        var claims = User("pwd");
        claims["acrs"] = new[] { "c1" };

        var trusted = await DecideAsync(options, new Dictionary<string, object?>(claims), map);
        trusted.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        trusted.SatisfiedBy.Should().Be(SatisfiedBy.Token);

        var untrusted = await DecideAsync(options, new Dictionary<string, object?>(claims), map, OtherIssuer);
        untrusted.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [Test]
    public async Task Without_cp1_and_with_client_capability_required_no_challenge_is_sent()
    {
        var options = Options(o => o.Settings.RequireClientCapability = true);
        var claims = User("pwd");
        claims.Remove("xms_cc");

        var decision = await DecideAsync(options, claims, TestTokens.MappingModes[0].Map);
        decision.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        decision.ClientCapable.Should().BeFalse();
        decision.Challenge.Should().BeNull();
    }

    [Test]
    public async Task Oversized_amr_is_absent_so_nothing_is_proven()
    {
        var claims = User();
        claims["amr"] = Enumerable.Repeat("fido", 1001).ToArray();
        var decision = await DecideAsync(Options(), claims, TestTokens.MappingModes[0].Map);
        decision.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        decision.Reasons.Should().Contain("amr: has more than 1000 entries; treated as absent");
    }
}
