using ProtectedActions.Challenges;
using static ProtectedActions.Tests.Providers.ProviderFixtures;

namespace ProtectedActions.Tests.Providers;

/// <summary>How an issuer's acr satisfies contexts: listed values, levels (higher satisfies lower), unknown values nothing.</summary>
public class AcrSatisfactionTests
{
    [TestCase("2", Strong, true)]
    [TestCase("1", Strong, false)]
    [TestCase("0", Strong, false)]
    [TestCase("2", Weak, true)]
    [TestCase("1", Weak, true)]
    [TestCase("0", Weak, false)]
    public void Keycloak_levels_higher_satisfies_lower_and_lower_not_higher(string acr, string permission, bool satisfied)
    {
        var decision = Decide(SignIn(Keycloak, acr), permission);

        decision.Outcome.Should().Be(satisfied ? ProtectedActionOutcome.Allowed : ProtectedActionOutcome.StepUpRequired);
        if (satisfied)
        {
            decision.SatisfiedBy.Should().Be(SatisfiedBy.Token);
        }
    }

    [TestCase("urn:okta:loa:1fa:pwd", false, false)]
    [TestCase("urn:okta:loa:1fa:any", false, false)]
    [TestCase("urn:okta:loa:2fa:any", false, true)]
    [TestCase("phr", true, true)]
    [TestCase("phrh", true, true)]
    public void Okta_default_levels_order_its_documented_values(string acr, bool strong, bool weak)
    {
        Decide(SignIn(Okta, acr), Strong).Outcome.Should().Be(strong ? ProtectedActionOutcome.Allowed : ProtectedActionOutcome.StepUpRequired);
        Decide(SignIn(Okta, acr), Weak).Outcome.Should().Be(weak ? ProtectedActionOutcome.Allowed : ProtectedActionOutcome.StepUpRequired);
    }

    [TestCase(Keycloak, "3")]
    [TestCase(Keycloak, "2 ")]
    [TestCase(Keycloak, "02")]
    [TestCase(Okta, "urn:okta:loa:2fa:any:ifpossible")]
    [TestCase(Okta, "PHR")]
    [TestCase(Generic, "GOLD")]
    [TestCase(Generic, "silver")]
    [TestCase(Auth0, "http://schemas.openid.net/pape/policies/2007/06/multi-factor/")]
    public void Attacker_an_unknown_or_respelt_acr_satisfies_nothing(string issuer, string acr)
    {
        Decide(SignIn(issuer, acr), Strong).Outcome.Should().NotBe(ProtectedActionOutcome.Allowed);
        Decide(SignIn(issuer, acr), Weak).Outcome.Should().NotBe(ProtectedActionOutcome.Allowed);
    }

    [TestCase("gold")]
    [TestCase("platinum")]
    public void Without_levels_any_listed_value_satisfies(string acr) =>
        Decide(SignIn(Generic, acr)).Outcome.Should().Be(ProtectedActionOutcome.Allowed);

    [Test]
    public void Attacker_acrs_from_an_acr_profile_issuer_proves_nothing()
    {
        // A Keycloak token carrying an Entra-style acrs claim: that issuer is read by acr only.
        Decide(SignIn(Keycloak, "0", acrs: ["c1", "c2"])).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [Test]
    public void Attacker_acr_from_an_entra_profile_issuer_proves_nothing()
    {
        Decide(SignIn(Support.Fixtures.Issuer, "2")).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        Decide(SignIn(Support.Fixtures.Issuer, null, acrs: ["c1"])).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }

    [TestCase("https://evil.example/realms/staff")]
    [TestCase(Keycloak + "/")]
    [TestCase("https://SSO.contoso.example/realms/staff")]
    [TestCase(null)]
    public void Attacker_a_token_from_an_issuer_without_a_profile_satisfies_nothing_by_token(string? issuer)
    {
        var decision = Decide(SignIn(issuer!, "2", acrs: ["c1"]));

        decision.Outcome.Should().NotBe(ProtectedActionOutcome.Allowed);
        decision.SatisfiedBy.Should().NotBe(SatisfiedBy.Token);
    }

    [Test]
    public void Local_policies_still_evaluate_what_a_token_from_an_unprofiled_issuer_proves()
    {
        var options = Options(o => o.ConditionalAccessPolicies[0] = Support.Fixtures.Policy("p1", "c1", controls: ["mfa"]));

        var decision = Decide(SignIn("https://elsewhere.example", null, amr: ["pwd", "mfa"]), Strong, options);

        decision.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        decision.SatisfiedBy.Should().Be(SatisfiedBy.Policies);
    }

    [Test]
    public void A_context_the_profile_does_not_map_cannot_be_satisfied_by_its_acr()
    {
        // Auth0's profile maps c1 only: its multi-factor acr says nothing about c2.
        Decide(SignIn(Auth0, Auth0Mfa), Weak).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        Decide(SignIn(Auth0, Auth0Mfa), Strong).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }

    [Test]
    public void Sign_in_frequency_is_still_enforced_against_auth_time_when_acr_satisfies()
    {
        var options = Options(o => o.ConditionalAccessPolicies[0] = Support.Fixtures.Policy("p1", "c1", strength: Support.Fixtures.PhishingResistant, hours: 1));

        Decide(SignIn(Keycloak, "2", age: TimeSpan.FromMinutes(30)), Strong, options).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        var stale = Decide(SignIn(Keycloak, "2", age: TimeSpan.FromHours(2)), Strong, options);
        stale.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        stale.MaxAgeSeconds.Should().Be(3600);
    }

    [Test]
    public void Levels_property_every_pair_orders_as_listed()
    {
        string[] levels = ["l0", "l1", "l2", "l3", "l4", "l5"];
        for (var required = 0; required < levels.Length; required++)
        {
            var options = Options(o => o.Settings.Issuers[1].Acr = new()
            {
                Levels = [.. levels],
                Contexts = new(StringComparer.OrdinalIgnoreCase) { ["c1"] = [levels[required]] },
            });
            for (var presented = 0; presented < levels.Length; presented++)
            {
                Decide(SignIn(Keycloak, levels[presented]), Strong, options).Outcome.Should().Be(
                    presented >= required ? ProtectedActionOutcome.Allowed : ProtectedActionOutcome.StepUpRequired,
                    $"acr {levels[presented]} against a requirement of {levels[required]}");
            }
        }
    }

    [Test]
    public void With_levels_the_lowest_listed_value_is_the_requirement()
    {
        var options = Options(o => o.Settings.Issuers[1].Acr!.Contexts["c1"] = ["2", "1"]);

        Decide(SignIn(Keycloak, "1"), Strong, options).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        Decide(SignIn(Keycloak, "0"), Strong, options).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [Test]
    public void Locked_out_user_an_acr_caller_gets_an_rfc9470_challenge_naming_the_mapped_value()
    {
        var decision = Decide(SignIn(Keycloak, "1"));

        decision.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        decision.Challenge!.WwwAuthenticate.Should().ContainSingle()
            .Which.Should().Be("Bearer error=\"insufficient_user_authentication\", error_description=\"A different authentication level is required\", acr_values=\"2\"");
        decision.Challenge.AcrValues.Should().Be("2");
    }

    [Test]
    public void Locked_out_user_several_listed_values_are_asked_for_space_separated()
    {
        var decision = Decide(SignIn(Generic, "bronze"));

        ChallengeParser.Parse(decision.Challenge!.WwwAuthenticate[0])[0].AcrValues.Should().Equal("gold", "platinum");
    }

    [Test]
    public void Entra_callers_keep_the_entra_claims_challenge()
    {
        var decision = Decide(SignIn(Support.Fixtures.Issuer, null));

        decision.Challenge!.WwwAuthenticate.Should().ContainSingle().Which.Should().Contain("error=\"insufficient_claims\"");
        decision.Challenge.AcrValues.Should().BeNull();
    }

    [Test]
    public void The_host_can_fix_the_format_per_issuer_or_for_everyone()
    {
        var perIssuer = Options(o => o.Settings.Issuers[1].ChallengeFormat = ChallengeFormat.Both);
        Decide(SignIn(Keycloak, "1"), Strong, perIssuer).Challenge!.WwwAuthenticate.Should().HaveCount(2);

        var global = Options(o => o.Settings.ChallengeFormat = ChallengeFormat.Both);
        Decide(SignIn(Keycloak, "1"), Strong, global).Challenge!.WwwAuthenticate.Should().HaveCount(2);
        Decide(SignIn(Support.Fixtures.Issuer, null), Strong, global).Challenge!.WwwAuthenticate.Should().HaveCount(2);
    }

    [Test]
    public void Decisions_cached_for_one_issuer_do_not_leak_their_challenge_to_another()
    {
        var evaluator = ProtectedActionEvaluator.Create(Options(), Support.Fixtures.Clock());
        for (var i = 0; i < 3; i++)
        {
            var keycloak = evaluator.EvaluateAsync(new ProtectedActionRequest(Strong, SignIn(Keycloak, "1"))).AsTask().Result;
            var okta = evaluator.EvaluateAsync(new ProtectedActionRequest(Strong, SignIn(Okta, "urn:okta:loa:1fa:any"))).AsTask().Result;
            var entra = evaluator.EvaluateAsync(new ProtectedActionRequest(Strong, SignIn(Support.Fixtures.Issuer, null))).AsTask().Result;

            keycloak.Challenge!.AcrValues.Should().Be("2");
            okta.Challenge!.AcrValues.Should().Be("phr");
            entra.Challenge!.AcrValues.Should().BeNull();
        }
    }

    [Test]
    public void Any_max_age_in_seconds_is_written_as_asked()
    {
        var issues = new ProtectedActions.Validation.IssueCollector();
        var builder = ChallengeBuilder.Create(new ProtectedActionsSettings { ChallengeFormat = ChallengeFormat.Rfc9470 }, ["c1"], "s", issues);

        foreach (var seconds in new[] { 0, 1, 59, 300, 301, 3599, 86401, int.MaxValue })
        {
            ChallengeParser.Parse(builder.Get("c1", seconds).WwwAuthenticate[0])[0].MaxAge.Should().Be(seconds);
        }
    }
}
