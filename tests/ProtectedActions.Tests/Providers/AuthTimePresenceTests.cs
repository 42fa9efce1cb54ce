using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ProtectedActions.Tests.SignIns;
using ProtectedActions.Tests.Support;
using static ProtectedActions.Tests.Providers.ProviderFixtures;

namespace ProtectedActions.Tests.Providers;

/// <summary>
/// The profile's <c>authTime</c>: whether an issuer's tokens carry <c>auth_time</c>. Missing where the profile promises
/// it fails closed (step-up with max_age); a profile without it can never prove a sign-in frequency, and iat is never
/// read in its place. docs/providers.md ("auth_time"), docs/decisions/issuer-profiles.md.
/// </summary>
public class AuthTimePresenceTests
{
    private const int Hours = 1;

    private const string Json = """
        {
          "authenticationContexts": [ { "id": "c1", "displayName": "Approve" } ],
          "protectedActions": [ { "permission": "contoso.payroll/payments/approve", "authenticationContextId": "c1" } ],
          "conditionalAccessPolicies": [ {
            "id": "p1", "displayName": "Hourly", "state": "enabled",
            "conditions": { "applications": { "includeAuthenticationContextClassReferences": [ "c1" ] }, "users": { "includeUsers": [ "All" ] } },
            "grantControls": { "operator": "OR", "builtInControls": [ "mfa" ] },
            "sessionControls": { "signInFrequency": { "isEnabled": true, "value": 1, "type": "hours", "frequencyInterval": "timeBased" } }
          } ],
          "settings": { "issuers": [
            { "issuer": "https://sso.contoso.example/realms/staff", "profile": "keycloak", "authTime": false,
              "acr": { "levels": ["0", "1", "2"], "contexts": { "c1": ["2"] } } }
          ] }
        }
        """;

    // Issuer index in ProviderFixtures.Options, issuer, and an acr that satisfies c1 under its profile.
    private static readonly object[] AcrIssuers =
    [
        new object[] { 1, Keycloak, "2" },
        new object[] { 2, Okta, "phrh" },
        new object[] { 3, Auth0, Auth0Mfa },
        new object[] { 4, Duende, "mfa-strong" },
        new object[] { 5, OpenIddict, "2" },
        new object[] { 6, Generic, "gold" },
    ];

    /// <summary>c1 (phishing-resistant) also carries a one-hour sign-in frequency.</summary>
    private static ProtectedActionsOptions WithFrequency(Action<ProtectedActionsOptions>? configure = null) => Options(o =>
    {
        o.ConditionalAccessPolicies[0] = Fixtures.Policy("p1", "c1", strength: Fixtures.PhishingResistant, hours: Hours);
        configure?.Invoke(o);
    });

    private static SignInContext Token(string issuer, string? acr, DateTimeOffset? authTime, IReadOnlyList<string>? acrs = null) => new()
    {
        UserId = "user-1",
        Issuer = issuer,
        Acr = acr,
        SatisfiedContexts = acrs,
        AuthenticationMethodReferences = ["pwd"],
        AuthenticationTime = authTime,
        ClientCapabilities = ["cp1"],
    };

    private static DateTimeOffset Ago(int minutes) => Fixtures.Now.AddMinutes(-minutes);

    private static IReadOnlyList<ConfigurationIssue> Issues(ProtectedActionsOptions options) => ProtectedActionsConfiguration.Validate(options).Issues;

    [TestCaseSource(nameof(AcrIssuers))]
    public void Attacker_a_satisfying_acr_without_auth_time_does_not_pass_a_sign_in_frequency(int index, string issuer, string acr)
    {
        var decision = Decide(Token(issuer, acr, authTime: null), options: WithFrequency());

        decision.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired, "the preset says this provider issues auth_time, so its absence proves nothing");
        decision.MaxAgeSeconds.Should().Be(Hours * 3600);
        decision.Challenge!.WwwAuthenticate.Should().ContainSingle().Which.Should().Contain("max_age=\"3600\"");
        decision.Reasons.Should().Contain(r => r.StartsWith("auth_time: missing", StringComparison.Ordinal));
        index.Should().BeInRange(1, 6);
    }

    [TestCaseSource(nameof(AcrIssuers))]
    public void Locked_out_user_who_steps_up_with_a_fresh_auth_time_is_allowed(int index, string issuer, string acr)
    {
        Decide(Token(issuer, acr, Ago(2)), options: WithFrequency()).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        Decide(Token(issuer, acr, Ago(61)), options: WithFrequency()).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        index.Should().BeInRange(1, 6);
    }

    [TestCaseSource(nameof(AcrIssuers))]
    public void Without_a_sign_in_frequency_a_missing_auth_time_changes_nothing(int index, string issuer, string acr)
    {
        var decision = Decide(Token(issuer, acr, authTime: null));

        decision.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        decision.Reasons.Should().BeEmpty();
        index.Should().BeInRange(1, 6);
    }

    [Test]
    public void Entra_behaviour_is_unchanged_acrs_without_auth_time_is_judged_by_acrs()
    {
        Decide(Token(Fixtures.Issuer, null, null, acrs: ["c1"]), options: WithFrequency()).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        Decide(Token(Fixtures.Issuer, null, Ago(61), acrs: ["c1"]), options: WithFrequency()).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);

        var legacy = WithFrequency(o => o.Settings = new() { TrustedIssuers = [Fixtures.Issuer] });
        Decide(Token(Fixtures.Issuer, null, null, acrs: ["c1"]), options: legacy).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }

    [Test]
    public void Attacker_an_entra_profile_that_requires_auth_time_refuses_acrs_without_it()
    {
        var strict = WithFrequency(o => o.Settings.Issuers[0].AuthTime = true);

        var decision = Decide(Token(Fixtures.Issuer, null, null, acrs: ["c1"]), options: strict);

        decision.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        decision.MaxAgeSeconds.Should().Be(Hours * 3600);
        Decide(Token(Fixtures.Issuer, null, Ago(2), acrs: ["c1"]), options: strict).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }

    [TestCaseSource(nameof(AcrIssuers))]
    public void Attacker_a_profile_without_auth_time_never_proves_a_sign_in_frequency_even_with_a_fresh_auth_time_claim(int index, string issuer, string acr)
    {
        var options = WithFrequency(o => o.Settings.Issuers[index].AuthTime = false);

        foreach (var authTime in new DateTimeOffset?[] { null, Ago(0), Ago(2), Ago(59) })
        {
            var decision = Decide(Token(issuer, acr, authTime), options: options);
            decision.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired, "authTime false: no token of this issuer proves when the user authenticated");
            decision.Notes.Should().Contain(n => n.Code == DecisionNoteCodes.ClaimTreatedAsAbsent && n.Message.Contains("iat", StringComparison.Ordinal));
        }
    }

    [Test]
    public void Locked_out_user_of_a_profile_without_auth_time_still_sees_the_way_where_no_frequency_applies_and_the_reason_where_one_does()
    {
        var options = WithFrequency(o => o.Settings.Issuers[1].AuthTime = false);

        Decide(Token(Keycloak, "1", null), Weak, options).Outcome.Should().Be(ProtectedActionOutcome.Allowed, "c2 has no sign-in frequency");
        var blocked = Decide(Token(Keycloak, "2", null), Strong, options);
        blocked.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        blocked.Challenge!.AcrValues.Should().Be("2");
        blocked.Reasons.Should().Contain(r => r.Contains("authTime false", StringComparison.Ordinal));
    }

    [Test]
    public void Validation_warns_PA1110_for_each_mapped_context_with_a_sign_in_frequency_when_auth_time_is_not_issued()
    {
        var issues = Issues(WithFrequency(o => o.Settings.Issuers[1].AuthTime = false));

        var warning = issues.Should().ContainSingle(i => i.Code == IssueCodes.SignInFrequencyWithoutAuthTime).Subject;
        warning.Severity.Should().Be(ConfigurationSeverity.Warning);
        warning.Path.Should().EndWith("issuers[1]:authTime");
        warning.Message.Should().Contain("c1").And.NotContain("c2").And.Contain("iat");
        issues.Should().NotContain(i => i.Severity == ConfigurationSeverity.Error);
    }

    [Test]
    public void Validation_is_silent_when_the_profile_issues_auth_time_or_no_mapped_context_needs_a_frequency()
    {
        Issues(WithFrequency()).Should().NotContain(i => i.Code == IssueCodes.SignInFrequencyWithoutAuthTime);
        Issues(Options(o => o.Settings.Issuers[1].AuthTime = false)).Should().NotContain(i => i.Code == IssueCodes.SignInFrequencyWithoutAuthTime);

        // Auth0 maps only c1; a frequency on c2 is not its tokens' to prove.
        var c2Only = Options(o =>
        {
            o.ConditionalAccessPolicies[1] = Fixtures.Policy("p2", "c2", strength: Fixtures.PhishingResistant, hours: Hours);
            o.Settings.Issuers[3].AuthTime = false;
        });
        Issues(c2Only).Should().NotContain(i => i.Code == IssueCodes.SignInFrequencyWithoutAuthTime);
    }

    [Test]
    public void Validation_warns_for_an_entra_profile_without_auth_time_on_every_context_with_a_frequency()
    {
        var issues = Issues(WithFrequency(o => o.Settings.Issuers[0].AuthTime = false));

        issues.Should().ContainSingle(i => i.Code == IssueCodes.SignInFrequencyWithoutAuthTime)
            .Which.Path.Should().EndWith("issuers[0]:authTime");
    }

    [Test]
    public void A_report_only_frequency_does_not_warn()
    {
        var options = Options(o =>
        {
            o.ConditionalAccessPolicies.Add(Fixtures.Policy("p3", "c1", state: "enabledForReportingButNotEnforced", hours: Hours));
            o.Settings.Issuers[1].AuthTime = false;
        });

        Issues(options).Should().NotContain(i => i.Code == IssueCodes.SignInFrequencyWithoutAuthTime);
    }

    /// <summary>Property: over presence settings and auth_time ages, a satisfying acr is allowed exactly when auth_time is believed and within the frequency.</summary>
    [Test]
    public void Property_allowed_only_when_auth_time_is_believed_present_and_fresh()
    {
        var settings = new bool?[] { null, true, false };
        var ages = new int?[] { null, 0, 1, 30, 59, 60, 61, 600, -10 }; // -10: beyond the clock skew, treated as absent
        foreach (var setting in settings)
        {
            var options = WithFrequency(o => o.Settings.Issuers[1].AuthTime = setting);
            foreach (var age in ages)
            {
                var decision = Decide(Token(Keycloak, "2", age is { } m ? Ago(m) : null), options: options);
                var expected = setting != false && age is >= 0 and <= 60;
                decision.Outcome.Should().Be(expected ? ProtectedActionOutcome.Allowed : ProtectedActionOutcome.StepUpRequired,
                    $"authTime {setting?.ToString() ?? "unset"}, auth_time {(age is null ? "absent" : age.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))} minutes ago");
            }
        }
    }

    [TestCaseSource(typeof(TestTokens), nameof(TestTokens.Modes))]
    public void Attacker_a_real_keycloak_token_with_a_fresh_iat_but_no_auth_time_is_asked_to_step_up(Func<string, string?, SignInContext> map)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var claims = new Dictionary<string, object?>
        {
            ["iss"] = Keycloak,
            ["sub"] = "5f0c7f0e-1c1a-4f7e-9c9d-2f3e4a5b6c7d",
            ["typ"] = "Bearer",
            ["acr"] = "2",
            ["scope"] = "openid profile",
        };
        var signIn = map(TestTokens.Mint(claims), Keycloak);
        var evaluator = ProtectedActionEvaluator.Create(WithFrequency(), clock);

        var decision = evaluator.EvaluateAsync(new ProtectedActionRequest(Strong, signIn)).AsTask().GetAwaiter().GetResult();

        decision.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired, "iat is token issuance, not authentication");
        decision.Challenge!.AcrValues.Should().Be("2");
        decision.MaxAgeSeconds.Should().Be(Hours * 3600);
    }

    [Test]
    public void The_document_reader_reads_authTime()
    {

        var result = ProtectedActionsDocument.Parse(Json);

        result.Options.Settings.Issuers[0].AuthTime.Should().BeFalse();
        result.Issues.Should().NotContain(i => i.Severity == ConfigurationSeverity.Error || i.Code == IssueCodes.UnknownPropertyWarning);
        Issues(result.Options).Should().Contain(i => i.Code == IssueCodes.SignInFrequencyWithoutAuthTime);
    }

    [Test]
    public void AddProtectedActions_binds_authTime_from_IConfiguration()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes("{ \"ProtectedActions\": " + Json + " }")))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Fixtures.Clock());
        services.AddProtectedActions(configuration.GetSection("ProtectedActions"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ProtectedActionsOptions>>().Value;
        var decision = provider.GetRequiredService<IProtectedActionEvaluator>()
            .EvaluateAsync(new ProtectedActionRequest(Strong, Token(Keycloak, "2", Ago(2)))).AsTask().GetAwaiter().GetResult();

        decision.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired, "the bound profile says its tokens carry no auth_time");
        options.Settings.Issuers.Should().ContainSingle().Which.AuthTime.Should().BeFalse();
    }
}
