using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// The evaluator's token path: whose acrs counts (null and odd settings lists, profiles that read acr, the any-issuer
/// opt-in), which permission a token or policy decision names, and how auth_time is believed.
/// </summary>
public class EvaluatorTokenPathTests
{
    private const string Billing = "contoso.billing/invoices/approve";
    private const string Refunds = "contoso.billing/refunds/create";
    private const string OtherIssuer = "https://issuer.example/other";

    private static SignInContext Token(string? issuer = Issuer, IReadOnlyList<string>? acrs = null, AuthenticationMethodModes modes = AuthenticationMethodModes.Fido2,
        DateTimeOffset? authTime = null, bool noAuthTime = false, string tenant = Tenant, IReadOnlyList<string>? notes = null) => new()
    {
        UserId = Alice, TenantId = tenant, Issuer = issuer, GroupIds = [], RoleIds = [], UserType = UserType.Member,
        AuthenticationMethods = modes, AuthenticationTime = noAuthTime ? null : authTime ?? Now - TimeSpan.FromMinutes(10),
        SatisfiedContexts = acrs, Notes = notes ?? [],
    };

    private static ProtectedActionsOptions BillingPattern()
    {
        var o = Seed();
        o.ProtectedActions = [new() { Permission = "contoso.billing/*", AuthenticationContextId = "c1" }];
        return o;
    }

    // ---- whose acrs counts ----

    [Test]
    public void Settings_lists_set_to_null_read_as_empty()
    {
        var o = Seed();
        o.Settings.Issuers = null!;
        o.Settings.TrustedIssuers = null!;
        o.Settings.TrustedTenantIds = null!;
        o.Settings.TrustAcrsFromAnyValidatedIssuer = true;

        var d = Evaluate(o, Token(OtherIssuer, acrs: ["c1"], modes: AuthenticationMethodModes.Password));

        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        d.SatisfiedBy.Should().Be(SatisfiedBy.Token);
    }

    [Test]
    public void An_empty_issuer_profile_entry_is_reported_not_thrown()
    {
        var o = Seed();
        o.Settings.Issuers = [null!];

        var result = ProtectedActionsConfiguration.Validate(o);

        result.Errors.Should().ContainSingle(e => e.Code == IssueCodes.EmptyEntry).Which.Path.Should().EndWith("issuers[0]");
    }

    [Test]
    public void Attacker_from_an_unlisted_issuer_cannot_satisfy_a_context_with_acrs_once_an_acr_profile_names_the_trusted_issuers()
    {
        // The opt-in to any validated issuer is void once any issuer is named, also by an issuer profile that reads acr.
        var o = Seed();
        o.Settings.TrustedIssuers = [];
        o.Settings.Issuers = [new() { Issuer = "https://sso.contoso.example/realms/staff", Profile = "generic" }];
        o.Settings.TrustAcrsFromAnyValidatedIssuer = true;

        var d = Evaluate(o, Token(OtherIssuer, acrs: ["c1"], modes: AuthenticationMethodModes.Password));

        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.SatisfiedBy.Should().Be(SatisfiedBy.None);
    }

    [TestCase("https://sts.windows.net/" + Tenant + "/")]
    [TestCase("https://login.microsoftonline.com/" + Tenant + "/v2.0")]
    public void Acrs_from_the_v1_or_v2_issuer_of_a_trusted_tenant_counts(string issuer)
    {
        var o = Seed();
        o.Settings.TrustedIssuers = [];
        o.Settings.TrustedTenantIds = [Tenant];

        var d = Evaluate(o, Token(issuer, acrs: ["c1"], modes: AuthenticationMethodModes.Password));

        d.SatisfiedBy.Should().Be(SatisfiedBy.Token);
    }

    [Test]
    public void A_token_decision_carries_the_notes_of_the_sign_in()
    {
        var d = Evaluate(Seed(), Token(acrs: ["c1"], modes: AuthenticationMethodModes.Password, notes: ["groups: overage"]));

        d.SatisfiedBy.Should().Be(SatisfiedBy.Token);
        d.Permission.Should().Be(KnownPermissions.ConditionalAccessPoliciesCreate);
        d.Reasons.Should().Equal("groups: overage");
    }

    // ---- which permission a decision names ----

    [Test]
    public void A_token_decision_under_a_pattern_names_the_requested_permission()
    {
        var d = Evaluate(BillingPattern(), Token(acrs: ["c1"], modes: AuthenticationMethodModes.Password), Billing);

        d.SatisfiedBy.Should().Be(SatisfiedBy.Token);
        d.Permission.Should().Be(Billing);
    }

    [Test]
    public void Policy_decisions_under_a_pattern_name_each_requested_permission()
    {
        var evaluator = ProtectedActionEvaluator.Create(BillingPattern(), Clock());

        var first = evaluator.EvaluateAsync(new(Billing, Token())).AsTask().GetAwaiter().GetResult();
        var second = evaluator.EvaluateAsync(new(Refunds, Token())).AsTask().GetAwaiter().GetResult();

        first.SatisfiedBy.Should().Be(SatisfiedBy.Policies);
        first.Permission.Should().Be(Billing);
        second.SatisfiedBy.Should().Be(SatisfiedBy.Policies);
        second.Permission.Should().Be(Refunds);
    }

    [Test]
    public void A_policy_decision_for_an_exact_permission_names_it_as_configured()
    {
        var d = Evaluate(Seed(), Token(), KnownPermissions.ConditionalAccessPoliciesCreate.ToUpperInvariant());

        d.SatisfiedBy.Should().Be(SatisfiedBy.Policies);
        d.Permission.Should().Be(KnownPermissions.ConditionalAccessPoliciesCreate);
    }

    [Test]
    public void The_notes_of_a_sign_in_are_not_lost_to_a_decision_cached_for_a_sign_in_without_notes()
    {
        var evaluator = ProtectedActionEvaluator.Create(Seed(), Clock());

        var clean = evaluator.EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, Token())).AsTask().GetAwaiter().GetResult();
        var noted = evaluator.EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, Token(notes: ["groups: overage"]))).AsTask().GetAwaiter().GetResult();

        clean.Reasons.Should().BeEmpty();
        noted.IsAllowed.Should().BeTrue();
        noted.Reasons.Should().Equal("groups: overage");
    }

    // ---- auth_time ----

    [Test]
    public void An_auth_time_exactly_at_the_clock_skew_is_believed()
    {
        var o = Seed();
        o.Settings.ClockSkew = TimeSpan.FromMinutes(5);

        var d = Evaluate(o, Token(authTime: Now + TimeSpan.FromMinutes(5)));

        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        d.Reasons.Should().BeEmpty();
    }

    [Test]
    public void An_auth_time_past_the_clock_skew_is_treated_as_absent()
    {
        var o = Seed();
        o.Settings.ClockSkew = TimeSpan.FromMinutes(5);

        var d = Evaluate(o, Token(authTime: Now + TimeSpan.FromMinutes(5) + TimeSpan.FromTicks(1)));

        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Reasons.Should().Equal("auth_time is in the future beyond the allowed clock skew; treated as absent");
    }

    [Test]
    public void An_issuer_without_auth_time_gets_no_note_where_no_sign_in_frequency_applies()
    {
        // ProviderFixtures: c1 requires phishing-resistant MFA and has no sign-in frequency; keycloak acr "0" does not prove c1.
        var o = Providers.ProviderFixtures.Options(x => x.Settings.Issuers[1].AuthTime = false);

        var d = Evaluate(o, Providers.ProviderFixtures.SignIn(Providers.ProviderFixtures.Keycloak, "0"), Providers.ProviderFixtures.Strong);

        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Reasons.Should().BeEmpty();
    }

    [Test]
    public void A_missing_auth_time_from_an_issuer_that_need_not_send_it_is_a_step_up_without_a_note()
    {
        var d = Evaluate(Seed(), Token(noAuthTime: true));

        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Causes.Should().HaveFlag(DecisionCauses.SignInFrequency);
        d.Reasons.Should().BeEmpty();
    }
}
