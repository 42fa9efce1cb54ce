using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.FailClosed;

/// <summary>acrs counts only from trusted issuers, and a trusted acrs does not skip sign-in frequency.</summary>
public class AcrsTrustTests
{
    private const string OtherTenant = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";

    private static ProtectedActionsOptions Untrusting()
    {
        var o = Seed();
        o.Settings = new ProtectedActionsSettings();
        return o;
    }

    private static SignInContext Acrs(string? issuer, string? tenant = Tenant, TimeSpan? age = null) => new()
    {
        UserId = Alice, GroupIds = [], RoleIds = [], UserType = UserType.Member, TenantId = tenant, Issuer = issuer,
        SatisfiedContexts = ["c1"], AuthenticationMethodReferences = ["pwd"],
        AuthenticationTime = age is null ? null : Now - age.Value,
    };

    [Test]
    public void Trusting_acrs_without_naming_an_issuer_is_an_error_that_names_the_ways_out()
    {
        var error = ProtectedActionsConfiguration.Validate(Untrusting()).Errors.Should().ContainSingle().Subject;
        error.Code.Should().Be("PA1080");
        error.Path.Should().EndWith(":trustedIssuers");
        error.Message.Should().Contain("settings:trustedIssuers").And.Contain("settings:trustedTenantIds")
            .And.Contain("settings:trustAcrsFromAnyValidatedIssuer").And.Contain("settings:trustAcrsClaim");
    }

    [Test]
    public void The_error_stops_the_evaluator_from_being_built() =>
        FluentActions.Invoking(() => ProtectedActionEvaluator.Create(Untrusting(), Clock()))
            .Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*settings:trustedIssuers*");

    [TestCase(false, false)]
    [TestCase(true, true)]
    public void Turning_acrs_off_or_opting_in_by_name_is_valid(bool trustAcrs, bool anyIssuer)
    {
        var o = Untrusting();
        o.Settings.TrustAcrsClaim = trustAcrs;
        o.Settings.TrustAcrsFromAnyValidatedIssuer = anyIssuer;
        ProtectedActionsConfiguration.Validate(o).IsValid.Should().BeTrue();
    }

    [TestCase("not-a-guid")]
    [TestCase("00000000-0000-0000-0000-000000000000")]
    [TestCase("{7c3a9e51-2b4d-4f6a-8e1c-5d9b0a2f4c63}")]
    public void A_trusted_tenant_id_must_be_a_tenant_guid(string value)
    {
        var o = Untrusting();
        o.Settings.TrustedTenantIds = [value];
        ProtectedActionsConfiguration.Validate(o).Errors.Should().ContainSingle(e => e.Code == "PA1081")
            .Which.Path.Should().EndWith(":trustedTenantIds[0]");
    }

    [TestCase("login.microsoftonline.com/x/v2.0")]
    [TestCase("http://issuer.example/")]
    [TestCase("https://issuer.example/ x")]
    [TestCase("https://issuer.example/\n")]
    public void A_trusted_issuer_must_be_an_absolute_https_uri_without_whitespace(string value)
    {
        var o = Untrusting();
        o.Settings.TrustedIssuers = [value];
        ProtectedActionsConfiguration.Validate(o).Errors.Should().Contain(e => e.Code == "PA1082" && e.Path.EndsWith(":trustedIssuers[0]", StringComparison.Ordinal));
    }

    [Test]
    public void A_development_issuer_on_loopback_may_use_http()
    {
        var o = Untrusting();
        o.Settings.TrustedIssuers = ["http://127.0.0.1:5123"];
        ProtectedActionsConfiguration.Validate(o).IsValid.Should().BeTrue();
    }

    [Test]
    public void Opting_in_while_listing_issuers_is_a_warning_and_the_list_wins()
    {
        var o = Seed();
        o.Settings.TrustAcrsFromAnyValidatedIssuer = true;
        ProtectedActionsConfiguration.Validate(o).Warnings.Should().Contain(w => w.Code == "PA1083");
        Evaluate(o, Acrs("https://login.microsoftonline.com/" + OtherTenant + "/v2.0", OtherTenant)).IsAllowed.Should().BeFalse();
    }

    [Test]
    public void Attacker_acrs_from_an_issuer_that_is_not_trusted_proves_nothing()
    {
        var d = Evaluate(Seed(), Acrs("https://login.microsoftonline.com/" + OtherTenant + "/v2.0", OtherTenant));
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.SatisfiedBy.Should().Be(SatisfiedBy.None);
    }

    [Test]
    public void Attacker_acrs_without_an_issuer_proves_nothing() =>
        Evaluate(Seed(), Acrs(issuer: null)).IsAllowed.Should().BeFalse();

    [TestCase("https://sts.windows.net/" + Tenant + "/")]
    [TestCase("https://login.microsoftonline.com/" + Tenant + "/v2.0")]
    public void Acrs_from_a_trusted_tenants_v1_or_v2_issuer_is_trusted(string issuer)
    {
        var o = Untrusting();
        o.Settings.TrustedTenantIds = [Tenant];
        var d = Evaluate(o, Acrs(issuer));
        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        d.SatisfiedBy.Should().Be(SatisfiedBy.Token);
    }

    [TestCase("https://sts.windows.net/" + Tenant + "/", OtherTenant)]
    [TestCase("https://login.microsoftonline.com/" + Tenant + "/v2.0", null)]
    [TestCase("https://login.microsoftonline.com/" + OtherTenant + "/v2.0", Tenant)]
    [TestCase("https://login.microsoftonline.com/" + Tenant + "/v2.0/", Tenant)]
    [TestCase("https://evil.example/" + Tenant + "/v2.0", Tenant)]
    [TestCase("https://login.microsoftonline.com/common/v2.0", Tenant)]
    public void Attacker_acrs_from_a_trusted_tenant_needs_the_exact_issuer_and_a_matching_tid(string issuer, string? tid)
    {
        var o = Untrusting();
        o.Settings.TrustedTenantIds = [Tenant];
        Evaluate(o, Acrs(issuer, tid)).IsAllowed.Should().BeFalse();
    }

    [Test]
    public void The_opt_in_trusts_any_issuer_the_host_validated()
    {
        var o = Untrusting();
        o.Settings.TrustAcrsFromAnyValidatedIssuer = true;
        Evaluate(o, Acrs("https://idp.example/", tenant: null)).SatisfiedBy.Should().Be(SatisfiedBy.Token);
    }

    [Test]
    public void Attacker_acrs_with_an_old_auth_time_steps_up_against_a_one_hour_frequency()
    {
        var d = Evaluate(Seed(), Acrs(Issuer, age: TimeSpan.FromHours(3)));
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.MaxAgeSeconds.Should().Be(3600);
        d.Challenge.Should().NotBeNull();
        d.Policies[0].FailedControls.Should().Equal("signInFrequency");
        d.Explanation.Should().Contain("a trusted acrs proves the grant controls, but the sign-in frequency is still enforced against auth_time");
    }

    [Test]
    public void Acrs_with_a_recent_auth_time_is_allowed_by_the_token()
    {
        var d = Evaluate(Seed(), Acrs(Issuer, age: TimeSpan.FromMinutes(20)));
        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        d.SatisfiedBy.Should().Be(SatisfiedBy.Token);
    }

    [Test]
    public void Acrs_without_auth_time_is_judged_by_acrs_alone() =>
        Evaluate(Seed(), Acrs(Issuer)).SatisfiedBy.Should().Be(SatisfiedBy.Token);

    [Test]
    public void Acrs_with_an_auth_time_in_the_future_does_not_escape_the_frequency() =>
        Evaluate(Seed(), Acrs(Issuer, age: TimeSpan.FromHours(-2))).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);

    [Test]
    public void The_strictest_applying_frequency_is_enforced()
    {
        var o = Seed();
        o.ConditionalAccessPolicies.Add(Policy("p2", "c1", controls: ["mfa"], hours: 4));
        o.ConditionalAccessPolicies.Add(Policy("p3", "c1", controls: ["mfa"], hours: 2));
        var d = Evaluate(o, Acrs(Issuer, age: TimeSpan.FromHours(3)));
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.MaxAgeSeconds.Should().Be(3600);
    }

    [Test]
    public void Report_only_disabled_and_not_applying_frequencies_do_not_count()
    {
        var o = Seed();
        o.ConditionalAccessPolicies =
        [
            Policy("ro", "c1", state: "enabledForReportingButNotEnforced", controls: ["mfa"], hours: 1),
            Policy("off", "c1", state: "disabled", controls: ["mfa"], hours: 1),
            Policy("others", "c1", controls: ["mfa"], hours: 1, conditions: c => c.Users = new() { IncludeUsers = ["someone-else"] }),
        ];
        Evaluate(o, Acrs(Issuer, age: TimeSpan.FromHours(3))).SatisfiedBy.Should().Be(SatisfiedBy.Token);
    }

    [Test]
    public void A_frequency_whose_policy_applies_for_lack_of_information_still_counts()
    {
        var o = Seed();
        o.ConditionalAccessPolicies = [Policy("g", "c1", controls: ["mfa"], hours: 1, conditions: c => c.Users = new() { IncludeGroups = ["admins"] })];
        var signIn = Acrs(Issuer, age: TimeSpan.FromHours(3));
        Evaluate(o, new SignInContext
        {
            UserId = signIn.UserId, TenantId = signIn.TenantId, Issuer = signIn.Issuer, SatisfiedContexts = signIn.SatisfiedContexts,
            AuthenticationTime = signIn.AuthenticationTime, GroupIds = null,
        }).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [Test]
    public void The_warm_acrs_path_allocates_nothing_when_no_policy_has_a_frequency()
    {
        var o = Seed();
        o.ConditionalAccessPolicies = [Policy("p1", "c1", strength: PhishingResistant)];
        var evaluator = ProtectedActionEvaluator.Create(o, Clock());
        var request = new ProtectedActionRequest(KnownPermissions.ConditionalAccessPoliciesCreate, Acrs(Issuer, age: TimeSpan.FromHours(3)));
        for (var i = 0; i < 3; i++)
        {
            _ = evaluator.EvaluateAsync(request).Result;
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var d = evaluator.EvaluateAsync(request).Result;
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
        d.SatisfiedBy.Should().Be(SatisfiedBy.Token);
    }
}
