using System.Globalization;
using System.Reflection;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.Mutation;

/// <summary>
/// One no-loop guard, driven directly with decisions as the handler passes them: a clock, an optional distributed
/// cache, a capturing logger and the test scenario's configuration status (the test issuer is trusted).
/// </summary>
internal sealed class LoopGuardKit : IDisposable
{
    public const string Permission = TestScenario.Create;
    public const string ClaimsRequest = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}";
    public static readonly DateTimeOffset Start = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly PropertyInfo AcrValuesProperty = typeof(StepUpChallenge).GetProperty(nameof(StepUpChallenge.AcrValues))!;
    private readonly ServiceProvider _services;

    public LoopGuardKit(IDistributedCache? cache = null, TimeProvider? clock = null, int maxEntries = 10_000, TimeSpan? window = null)
    {
        Clock = clock ?? new FakeTimeProvider(Start);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Clock);
        if (cache is not null)
        {
            services.AddSingleton(cache);
        }

        services.AddProtectedActions(TestScenario.Configure);
        _services = services.BuildServiceProvider();
        LoopOptions = new StepUpLoopOptions { MaxInMemoryEntries = maxEntries, Window = window ?? TimeSpan.FromMinutes(10) };
        Guard = new StepUpLoopGuard(Options.Create(LoopOptions), _services, Logger);
    }

    public TimeProvider Clock { get; }

    public StepUpLoopOptions LoopOptions { get; }

    public StepUpLoopGuard Guard { get; }

    public FakeLogger<StepUpLoopGuard> Logger { get; } = new();

    public DateTimeOffset Now => Clock.GetUtcNow();

    public void Advance(TimeSpan by) => ((FakeTimeProvider)Clock).Advance(by);

    /// <summary>A challenge as the evaluator builds it: the Entra claims request, and <c>acr_values</c> when an RFC 9470 profile asks for them.</summary>
    public static StepUpChallenge Challenge(string context = "c1", string? acrValues = null, string? claims = ClaimsRequest)
    {
        var challenge = StepUpChallenge.Create(["Bearer realm=\"api\""], context, claims);
        if (acrValues is not null)
        {
            AcrValuesProperty.SetValue(challenge, acrValues);
        }

        return challenge;
    }

    public static ProtectedActionDecision StepUp(string context = "c1", StepUpChallenge? challenge = null, bool withoutChallenge = false,
        bool clientCapable = true, int? maxAge = null, IReadOnlyList<PolicyResult>? policies = null, IReadOnlyList<string>? reasons = null,
        DecisionCauses causes = DecisionCauses.Reauthentication) =>
        ProtectedActionDecision.Create(ProtectedActionOutcome.StepUpRequired, Permission, context, policies: policies, maxAgeSeconds: maxAge,
            clientCapable: clientCapable, challenge: withoutChallenge ? null : challenge ?? Challenge(context), reasons: reasons, causes: causes);

    public static ProtectedActionDecision Allowed(string context = "c1") =>
        ProtectedActionDecision.Create(ProtectedActionOutcome.Allowed, Permission, context);

    /// <summary>A sign-in authenticated <paramref name="ago"/> before the clock (no auth_time when null).</summary>
    public SignInContext SignIn(TimeSpan? ago, string? user = "alice", string? issuer = TestTokens.Issuer, string? tenant = null, string? acr = null) => new()
    {
        UserId = user, Issuer = issuer, TenantId = tenant, Acr = acr, AuthenticationMethodReferences = ["pwd"], ClientCapabilities = ["cp1"],
        AuthenticationTime = ago is { } a ? Now - a : null,
    };

    /// <summary>An authenticated identity whose only claim is <c>iat</c>, as Unix seconds.</summary>
    public static ClaimsIdentity IssuedAt(DateTimeOffset at) => IssuedAt(at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

    public static ClaimsIdentity IssuedAt(string seconds, string type = "iat") => new([new Claim(type, seconds)], "Bearer");

    public static ClaimsPrincipal User(params ClaimsIdentity[] identities) => new(identities.Length == 0 ? [new ClaimsIdentity([], "Bearer")] : identities);

    public async Task<ProtectedActionDecision> ApplyAsync(ProtectedActionDecision decision, SignInContext signIn, ClaimsPrincipal? user = null) =>
        await Guard.ApplyAsync(decision, signIn, user ?? User(), default);

    public async Task ForgetAsync(ProtectedActionDecision decision, SignInContext signIn) => await Guard.ForgetAsync(decision, signIn, default);

    /// <summary>A password sign-in five minutes old asks for c1 (or <paramref name="context"/>): the ordinary challenge, remembered.</summary>
    public async Task ChallengeAsync(string user = "alice", string context = "c1", string? issuer = TestTokens.Issuer, string? tenant = null)
    {
        var decision = StepUp(context);
        (await ApplyAsync(decision, SignIn(TimeSpan.FromMinutes(5), user, issuer, tenant))).Should().BeSameAs(decision);
    }

    /// <summary>The same subject comes back with a sign-in five seconds old that still fails: the guard's answer.</summary>
    public Task<ProtectedActionDecision> ReturnAsync(string user = "alice", string context = "c1", string? issuer = TestTokens.Issuer, string? tenant = null) =>
        ApplyAsync(StepUp(context), SignIn(TimeSpan.FromSeconds(5), user, issuer, tenant));

    public IReadOnlyList<FakeLogRecord> Logs => Logger.Collector.GetSnapshot();

    public void Dispose() => _services.Dispose();
}

/// <summary>
/// The no-loop rule's decision side: who counts as the same subject, which decisions it leaves alone, the exact
/// denial it answers with (causes and reason text), which sign-in counts as "after the challenge", and what it logs.
/// </summary>
public sealed class StepUpLoopGuardMutationTests
{
    private const string Prefix = "step-up-unsatisfiable: the caller stepped up after being asked, but ";
    private const string Suffix = ". Another challenge would not help; check the identity provider's configuration for this context.";
    private const string WithoutProfile = "(an issuer without a profile)";

    /// <summary>Two names whose ordinal hash codes are equal in this process, so that only equality tells them apart.</summary>
    private static (string First, string Second) CollidingNames(string prefix)
    {
        var seen = new Dictionary<int, string>();
        for (var i = 0; ; i++)
        {
            var name = prefix + i.ToString(CultureInfo.InvariantCulture);
            var hash = StringComparer.Ordinal.GetHashCode(name);
            if (seen.TryGetValue(hash, out var earlier))
            {
                return (earlier, name);
            }

            seen.Add(hash, name);
        }
    }

    private static string Sha(string text) => "protected-actions:step-up:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Test]
    public async Task Locked_out_user_challenged_for_one_context_is_challenged_normally_for_another_whose_name_hashes_alike()
    {
        using var kit = new LoopGuardKit();
        var (first, second) = CollidingNames("context-");
        await kit.ChallengeAsync(context: first);
        kit.Advance(TimeSpan.FromSeconds(30));

        (await kit.ReturnAsync(context: second)).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired, "the second context was never challenged");
        (await kit.ReturnAsync(context: first)).Outcome.Should().Be(ProtectedActionOutcome.Denied);
    }

    [Test]
    public async Task Attacker_whose_user_id_hashes_like_a_challenged_users_is_challenged_normally()
    {
        using var kit = new LoopGuardKit();
        var (victim, attacker) = CollidingNames("user-");
        await kit.ChallengeAsync(user: victim);
        kit.Advance(TimeSpan.FromSeconds(30));

        (await kit.ReturnAsync(user: attacker)).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        (await kit.ReturnAsync(user: victim)).Outcome.Should().Be(ProtectedActionOutcome.Denied);
    }

    [Test]
    public async Task A_sign_in_without_issuer_and_one_with_an_empty_issuer_are_the_same_subject()
    {
        using var kit = new LoopGuardKit();
        await kit.ChallengeAsync(issuer: null);
        kit.Advance(TimeSpan.FromSeconds(30));

        (await kit.ReturnAsync(issuer: "")).Outcome.Should().Be(ProtectedActionOutcome.Denied);
    }

    [Test]
    public async Task A_success_without_issuer_forgets_the_challenge_of_a_sign_in_with_an_empty_issuer()
    {
        using var kit = new LoopGuardKit();
        await kit.ChallengeAsync(issuer: "");
        kit.Advance(TimeSpan.FromSeconds(20));
        await kit.ForgetAsync(LoopGuardKit.Allowed(), kit.SignIn(TimeSpan.FromSeconds(5), issuer: null));
        kit.Advance(TimeSpan.FromSeconds(10));

        (await kit.ReturnAsync(issuer: "")).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [Test]
    public void The_shared_key_is_the_hash_of_issuer_subject_context_and_tenant_on_separate_lines()
    {
        // Instances of different versions share the cache: the key's text is a compatibility contract.
        StepUpLoopGuard.Key("https://issuer.test/", "alice", "c1").Should().Be(Sha("https://issuer.test/\nalice\nc1"));
        StepUpLoopGuard.Key("https://issuer.test/", "alice", "c1", "tenant-a").Should().Be(Sha("https://issuer.test/\nalice\nc1\ntenant-a"));
        StepUpLoopGuard.Key("https://issuer.test/", "alice", "c1", "").Should().Be(Sha("https://issuer.test/\nalice\nc1\n"));
        StepUpLoopGuard.Key(null, "alice", "c1").Should().Be(Sha("\nalice\nc1")).And.Be(StepUpLoopGuard.Key("", "alice", "c1"));
    }

    [Test]
    public void Attacker_cannot_borrow_a_key_by_moving_characters_between_issuer_subject_and_context()
    {
        StepUpLoopGuard.Key("a", "bc", "d").Should().NotBe(StepUpLoopGuard.Key("ab", "c", "d"));
        StepUpLoopGuard.Key("a", "b", "cd").Should().NotBe(StepUpLoopGuard.Key("a", "bc", "d"));
        StepUpLoopGuard.Key("a", "b", "c", "d").Should().NotBe(StepUpLoopGuard.Key("a", "b", "cd"));
    }

    private static async Task PassesThroughAndIsNotRemembered(LoopGuardKit kit, ProtectedActionDecision decision, SignInContext signIn)
    {
        (await kit.ApplyAsync(decision, signIn)).Should().BeSameAs(decision);
        kit.Advance(TimeSpan.FromSeconds(30));

        (await kit.ReturnAsync()).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired, "nothing was remembered");
        kit.Logs.Should().BeEmpty();
    }

    [Test]
    public async Task A_client_that_cannot_take_a_challenge_is_not_remembered_as_challenged()
    {
        using var kit = new LoopGuardKit();
        var decision = LoopGuardKit.StepUp(clientCapable: false);
        decision.Challenge.Should().NotBeNull();

        await PassesThroughAndIsNotRemembered(kit, decision, kit.SignIn(TimeSpan.FromMinutes(5)));
    }

    [Test]
    public async Task A_step_up_without_a_challenge_is_not_remembered_as_challenged()
    {
        using var kit = new LoopGuardKit();

        await PassesThroughAndIsNotRemembered(kit, LoopGuardKit.StepUp(withoutChallenge: true), kit.SignIn(TimeSpan.FromMinutes(5)));
    }

    [Test]
    public async Task A_denial_is_not_remembered_as_a_challenge()
    {
        using var kit = new LoopGuardKit();
        var denied = ProtectedActionDecision.Create(ProtectedActionOutcome.Denied, LoopGuardKit.Permission, "c1", causes: DecisionCauses.Blocked);

        await PassesThroughAndIsNotRemembered(kit, denied, kit.SignIn(TimeSpan.FromMinutes(5)));
    }

    [Test]
    public async Task A_sign_in_without_user_id_is_not_remembered()
    {
        using var kit = new LoopGuardKit();

        await PassesThroughAndIsNotRemembered(kit, LoopGuardKit.StepUp(), kit.SignIn(TimeSpan.FromMinutes(5), user: null));
    }

    [Test]
    public async Task The_denial_keeps_the_decision_and_says_why_in_words()
    {
        using var kit = new LoopGuardKit();
        IReadOnlyList<PolicyResult> policies = [PolicyResult.Create("policy-strength", satisfied: false, remediable: true, causes: DecisionCauses.Reauthentication)];
        var decision = LoopGuardKit.StepUp(policies: policies, reasons: ["policy-strength: phishing-resistant MFA required"],
            causes: DecisionCauses.Reauthentication | DecisionCauses.SignInFrequency);
        await kit.ApplyAsync(decision, kit.SignIn(TimeSpan.FromMinutes(5)));
        kit.Advance(TimeSpan.FromSeconds(30));

        var denial = await kit.ApplyAsync(decision, kit.SignIn(TimeSpan.FromSeconds(5)));

        denial.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        denial.Permission.Should().Be(LoopGuardKit.Permission);
        denial.AuthenticationContextId.Should().Be("c1");
        denial.Policies.Should().BeSameAs(policies);
        denial.ClientCapable.Should().BeTrue();
        denial.Challenge.Should().BeNull();
        denial.Causes.Should().Be(DecisionCauses.Reauthentication | DecisionCauses.SignInFrequency | DecisionCauses.StepUpUnsatisfiable);
        denial.Reasons.Should().Equal(
            Prefix + "the provider's token does not list authentication context c1 in acrs after a claims challenge for it" + Suffix,
            "policy-strength: phishing-resistant MFA required");
    }

    [Test]
    public async Task The_denial_names_the_acr_returned_and_a_sign_in_older_than_max_age()
    {
        using var kit = new LoopGuardKit();
        var decision = LoopGuardKit.StepUp(challenge: LoopGuardKit.Challenge(acrValues: "2", claims: null), maxAge: 30);
        var challengedAt = kit.Now;
        await kit.ApplyAsync(decision, kit.SignIn(TimeSpan.FromMinutes(5), acr: "1"));
        kit.Advance(TimeSpan.FromSeconds(30));

        var denial = await kit.ApplyAsync(decision, kit.SignIn(kit.Now - (challengedAt - TimeSpan.FromSeconds(45)), acr: "1"));

        denial.Reasons[0].Should().Be(Prefix
            + "the provider issued acr=1 for a request for 2; and the provider returned a sign-in 45 seconds old at the time of the request for max_age=30" + Suffix);
    }

    [Test]
    public async Task The_denial_says_when_the_provider_issued_no_acr_at_all()
    {
        using var kit = new LoopGuardKit();
        var decision = LoopGuardKit.StepUp(challenge: LoopGuardKit.Challenge(acrValues: "2 3", claims: null));
        await kit.ApplyAsync(decision, kit.SignIn(TimeSpan.FromMinutes(5)));
        kit.Advance(TimeSpan.FromSeconds(30));

        var denial = await kit.ApplyAsync(decision, kit.SignIn(TimeSpan.FromSeconds(5)));

        denial.Reasons.Should().Equal(Prefix + "the provider issued no acr for a request for 2 3" + Suffix);
    }

    [Test]
    public async Task A_challenge_that_asked_for_nothing_in_particular_still_gets_a_reason()
    {
        using var kit = new LoopGuardKit();
        var decision = LoopGuardKit.StepUp(challenge: LoopGuardKit.Challenge(claims: null));
        await kit.ApplyAsync(decision, kit.SignIn(TimeSpan.FromMinutes(5)));
        kit.Advance(TimeSpan.FromSeconds(30));

        var denial = await kit.ApplyAsync(decision, kit.SignIn(TimeSpan.FromSeconds(5)));

        denial.Reasons.Should().Equal(Prefix + "the new sign-in still does not meet the requirements of authentication context c1" + Suffix);
    }

    [Test]
    public async Task Attacker_cannot_put_control_characters_or_a_long_text_into_the_reason_through_acr()
    {
        using var kit = new LoopGuardKit();
        var acr = "\u001f ~\u007f\u00e9" + new string('x', 64);
        var decision = LoopGuardKit.StepUp(challenge: LoopGuardKit.Challenge(acrValues: "2", claims: null));
        await kit.ApplyAsync(decision, kit.SignIn(TimeSpan.FromMinutes(5)));
        kit.Advance(TimeSpan.FromSeconds(30));

        var denial = await kit.ApplyAsync(decision, kit.SignIn(TimeSpan.FromSeconds(5), acr: acr));

        denial.Reasons[0].Should().Be(Prefix + "the provider issued acr=? ~??" + new string('x', 59) + " for a request for 2" + Suffix);
    }

    [Test]
    public async Task The_warning_names_the_failing_enforced_policies_and_a_trusted_issuer()
    {
        using var kit = new LoopGuardKit();
        IReadOnlyList<PolicyResult> policies =
        [
            PolicyResult.Create("p-1", satisfied: false, remediable: true),
            PolicyResult.Create("p-2", satisfied: true),
            PolicyResult.Create("p-3", applies: false, satisfied: false),
            PolicyResult.Create("p-4", state: PolicyState.ReportOnly, satisfied: false),
            PolicyResult.Create("p-5", satisfied: null),
            PolicyResult.Create("p-6", satisfied: false, remediable: true),
        ];
        var decision = LoopGuardKit.StepUp(policies: policies);
        await kit.ApplyAsync(decision, kit.SignIn(TimeSpan.FromMinutes(5)));
        kit.Advance(TimeSpan.FromSeconds(30));

        await kit.ApplyAsync(decision, kit.SignIn(TimeSpan.FromSeconds(5)));

        var log = kit.Logs.Should().ContainSingle().Subject;
        log.Id.Id.Should().Be(AspNetCoreLogEventIds.StepUpUnsatisfiable);
        log.Level.Should().Be(LogLevel.Warning);
        log.GetStructuredStateValue("Permission").Should().Be(LoopGuardKit.Permission);
        log.GetStructuredStateValue("ContextId").Should().Be("c1");
        log.GetStructuredStateValue("PolicyIds").Should().Be("p-1,p-6");
        log.GetStructuredStateValue("Issuer").Should().Be(TestTokens.Issuer);
    }

    [TestCase("https://unknown.test/")]
    [TestCase(null)]
    public async Task Attacker_issuer_without_a_profile_is_not_written_to_the_log(string? issuer)
    {
        using var kit = new LoopGuardKit();
        await kit.ChallengeAsync(issuer: issuer);
        kit.Advance(TimeSpan.FromSeconds(30));

        (await kit.ReturnAsync(issuer: issuer)).Outcome.Should().Be(ProtectedActionOutcome.Denied);

        var log = kit.Logs.Should().ContainSingle().Subject;
        log.GetStructuredStateValue("Issuer").Should().Be(WithoutProfile);
        log.Message.Should().NotContain("unknown.test");
    }

    [Test]
    public async Task A_token_without_auth_time_counts_as_authenticated_when_it_was_issued()
    {
        using var kit = new LoopGuardKit();
        var issued = kit.Now;
        await kit.ApplyAsync(LoopGuardKit.StepUp(), kit.SignIn(TimeSpan.FromMinutes(5)), LoopGuardKit.User(LoopGuardKit.IssuedAt(issued)));
        kit.Advance(TimeSpan.FromSeconds(30));

        // Same iat as the challenged token, but no auth_time: its iat stands for the authentication, which is newer than the challenged one.
        var again = await kit.ApplyAsync(LoopGuardKit.StepUp(), kit.SignIn(null), LoopGuardKit.User(LoopGuardKit.IssuedAt(issued)));

        again.Outcome.Should().Be(ProtectedActionOutcome.Denied);
    }

    [Test]
    public async Task A_sign_in_at_the_instant_of_the_challenge_answers_it()
    {
        using var kit = new LoopGuardKit();
        await kit.ChallengeAsync();

        (await kit.ApplyAsync(LoopGuardKit.StepUp(), kit.SignIn(TimeSpan.Zero))).Outcome.Should().Be(ProtectedActionOutcome.Denied);
    }

    [Test]
    public async Task A_sign_in_exactly_the_clock_skew_before_the_challenge_answers_it_and_one_tick_earlier_does_not()
    {
        using var kit = new LoopGuardKit();
        var challengedAt = kit.Now;
        await kit.ChallengeAsync(user: "alice");
        await kit.ChallengeAsync(user: "bob");
        kit.Advance(TimeSpan.FromSeconds(30));
        var skew = kit.LoopOptions.ClockSkew;

        (await kit.ApplyAsync(LoopGuardKit.StepUp(), kit.SignIn(kit.Now - (challengedAt - skew), "alice"))).Outcome
            .Should().Be(ProtectedActionOutcome.Denied);
        (await kit.ApplyAsync(LoopGuardKit.StepUp(), kit.SignIn(kit.Now - (challengedAt - skew - TimeSpan.FromTicks(1)), "bob"))).Outcome
            .Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [Test]
    public async Task A_token_issued_after_the_challenge_answers_it_when_neither_token_has_auth_time()
    {
        using var kit = new LoopGuardKit();
        await kit.ApplyAsync(LoopGuardKit.StepUp(), kit.SignIn(null), LoopGuardKit.User(LoopGuardKit.IssuedAt(kit.Now - TimeSpan.FromMinutes(5))));
        kit.Advance(TimeSpan.FromSeconds(30));

        (await kit.ApplyAsync(LoopGuardKit.StepUp(), kit.SignIn(null), LoopGuardKit.User(LoopGuardKit.IssuedAt(kit.Now)))).Outcome
            .Should().Be(ProtectedActionOutcome.Denied);
    }

    [Test]
    public async Task An_identity_that_is_not_authenticated_does_not_lend_its_iat()
    {
        using var kit = new LoopGuardKit();
        var old = kit.Now - TimeSpan.FromMinutes(5);
        await kit.ApplyAsync(LoopGuardKit.StepUp(), kit.SignIn(null), LoopGuardKit.User(LoopGuardKit.IssuedAt(old)));
        kit.Advance(TimeSpan.FromSeconds(30));

        var unauthenticated = new ClaimsIdentity([new Claim("iat", old.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))]);
        var user = LoopGuardKit.User(unauthenticated, LoopGuardKit.IssuedAt(kit.Now));

        (await kit.ApplyAsync(LoopGuardKit.StepUp(), kit.SignIn(null), user)).Outcome.Should().Be(ProtectedActionOutcome.Denied,
            "the authenticated identity's new iat counts, not the unauthenticated one's old iat");
    }

    [TestCase("iat", ProtectedActionOutcome.Denied)]
    [TestCase("IAT", ProtectedActionOutcome.StepUpRequired)]
    public async Task A_derived_identity_is_read_with_its_own_lookup(string type, ProtectedActionOutcome expected)
    {
        using var kit = new LoopGuardKit();
        await kit.ApplyAsync(LoopGuardKit.StepUp(), kit.SignIn(null), LoopGuardKit.User(LoopGuardKit.IssuedAt(kit.Now - TimeSpan.FromMinutes(5))));
        kit.Advance(TimeSpan.FromSeconds(30));

        // JwtBearer's identity compares claim types case-sensitively: "IAT" is not its iat.
        var identity = new CaseSensitiveClaimsIdentity([new Claim(type, kit.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))], "Bearer");

        (await kit.ApplyAsync(LoopGuardKit.StepUp(), kit.SignIn(null), LoopGuardKit.User(identity))).Outcome.Should().Be(expected);
    }

    [TestCase(946_684_800L, 946_684_800L, ProtectedActionOutcome.Denied)]
    [TestCase(946_684_800L, 946_684_799L, ProtectedActionOutcome.StepUpRequired)]
    [TestCase(253_402_300_759L, 253_402_300_799L, ProtectedActionOutcome.Denied)]
    [TestCase(253_402_300_759L, 253_402_300_800L, ProtectedActionOutcome.StepUpRequired)]
    public async Task An_iat_counts_only_from_the_year_2000_to_the_last_second_of_9999(long clockSeconds, long iat, ProtectedActionOutcome expected)
    {
        // The challenge 10 seconds into the range; the answer 30 seconds later, so that every iat tested lies within the clock skew.
        using var kit = new LoopGuardKit(clock: new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(clockSeconds) + TimeSpan.FromSeconds(10)));
        await kit.ApplyAsync(LoopGuardKit.StepUp(), kit.SignIn(null));
        kit.Advance(TimeSpan.FromSeconds(30));

        var user = LoopGuardKit.User(LoopGuardKit.IssuedAt(iat.ToString(CultureInfo.InvariantCulture)));

        (await kit.ApplyAsync(LoopGuardKit.StepUp(), kit.SignIn(null), user)).Outcome.Should().Be(expected);
    }
}
