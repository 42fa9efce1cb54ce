using System.Net;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ProtectedActions.AspNetCore.Tests.Infrastructure;
using ProtectedActions.Testing;
using static ProtectedActions.AspNetCore.Tests.FailClosed.Http.HttpScenario;

namespace ProtectedActions.AspNetCore.Tests.Providers;

/// <summary>
/// The no-loop rule over HTTP, with real RS256 tokens through JwtBearer: a caller who steps up after a challenge and
/// still fails gets 403 step-up-unsatisfiable instead of another 401, within the window (an injected clock), and a
/// caller never challenged, or presenting the same sign-in again, gets the normal challenge.
/// </summary>
public sealed class StepUpLoopHttpTests
{
    private static readonly string Strength = Policy("policy-strength",
        "\"grantControls\": { \"operator\": \"OR\", \"authenticationStrength\": { \"id\": \"00000000-0000-0000-0000-000000000004\" } }");

    private static readonly string HourlyMfa = Policy("policy-hourly", Grant("OR", "mfa"),
        extra: "\"sessionControls\": { \"signInFrequency\": { \"isEnabled\": true, \"value\": 1, \"type\": \"hours\", \"frequencyInterval\": \"timeBased\" } }");

    /// <summary>The test issuer as a Keycloak realm: levels 0 &lt; 1 &lt; 2, c1 needs 2.</summary>
    private static string KeycloakDocument(string policy) => DocumentWith(
        $"\"issuers\": [ {{ \"issuer\": \"{TestTokens.Issuer}\", \"profile\": \"keycloak\", \"acr\": {{ \"levels\": [ \"0\", \"1\", \"2\" ], \"contexts\": {{ \"c1\": [ \"2\" ] }} }} }} ]",
        "", policy);

    private static string EntraDocument(string policy) => DocumentWith(
        $"\"issuers\": [ {{ \"issuer\": \"{TestTokens.Issuer}\", \"profile\": \"entra\" }} ]", "", policy);

    private sealed class Fixture
    {
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        public Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder> Services(IDistributedCache? cache = null, TimeSpan? window = null) => b =>
        {
            b.Services.AddSingleton<TimeProvider>(Clock);
            if (cache is not null)
            {
                b.Services.AddSingleton(cache);
            }

            if (window is { } w)
            {
                b.Services.Configure<StepUpLoopOptions>(o => o.Window = w);
            }
        };

        /// <summary>A token authenticated (auth_time) and issued (iat) at the given instants of the fake clock.</summary>
        public string Token(string? acr, TimeSpan authenticatedAgo, TimeSpan? issuedAgo = null, string[]? amr = null, string? userId = null)
        {
            var builder = new EntraTokenBuilder()
                .WithIssuer(TestTokens.Issuer)
                .WithAudience(TestTokens.Audience)
                .WithClaim("scp", "access_as_user")
                .WithAmr(amr ?? ["pwd"])
                .WithClientCapability()
                .AuthenticatedAgo(authenticatedAgo, Clock)
                // JwtBearer checks nbf against the real clock: never issue "in the future" when the fake clock ran ahead.
                .IssuedAt(Min(Clock.GetUtcNow() - (issuedAgo ?? TimeSpan.Zero), DateTimeOffset.UtcNow), TimeSpan.FromDays(2));
            if (acr is not null)
            {
                builder.WithAcr(acr);
            }

            if (userId is not null)
            {
                builder.WithUserId(userId);
            }

            return builder.BuildJwt();
        }

        private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
    }

    private static async Task ShouldBeUnsatisfiableAsync(HttpResponseMessage response, string mismatch)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.WwwAuthenticate.Should().BeEmpty("a 403 never carries another challenge");
        var problem = await TestApi.ProblemAsync(response);
        problem.GetProperty("type").GetString().Should().Be(ProblemTypes.StepUpUnsatisfiable);
        problem.GetProperty("detail").GetString().Should().Contain(mismatch);
    }

    [Test]
    public async Task Locked_out_user_never_challenged_gets_the_normal_rfc9470_challenge_even_with_a_fresh_weak_sign_in()
    {
        var f = new Fixture();
        await using var host = await StartAsync(KeycloakDocument(Strength), f.Services());

        var response = await host.PostAsync(f.Token("1", TimeSpan.FromSeconds(5)));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().ContainSingle().Which.Should().Contain("acr_values=\"2\"");
    }

    [Test]
    public async Task A_provider_that_issues_acr_1_for_a_request_for_2_ends_in_one_401_then_403()
    {
        var f = new Fixture();
        await using var host = await StartAsync(KeycloakDocument(Strength), f.Services());

        (await host.PostAsync(f.Token("1", TimeSpan.FromMinutes(3)))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        f.Clock.Advance(TimeSpan.FromSeconds(40));
        var second = await host.PostAsync(f.Token("1", TimeSpan.FromSeconds(10)));

        await ShouldBeUnsatisfiableAsync(second, "the provider issued acr=1 for a request for 2");
        host.Logs.GetSnapshot().Should().Contain(r => r.Id.Id == 3100 && r.Level == LogLevel.Warning
            && r.Message.Contains("policy-strength", StringComparison.Ordinal) && r.Message.Contains(TestTokens.Issuer, StringComparison.Ordinal)
            && !r.Message.Contains("acr=1", StringComparison.Ordinal));
    }

    [Test]
    public async Task Locked_out_user_who_steps_up_to_acr_2_after_the_challenge_is_allowed()
    {
        var f = new Fixture();
        await using var host = await StartAsync(KeycloakDocument(Strength), f.Services());

        (await host.PostAsync(f.Token("1", TimeSpan.FromMinutes(3)))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        f.Clock.Advance(TimeSpan.FromSeconds(40));
        (await host.PostAsync(f.Token("2", TimeSpan.FromSeconds(10)))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>Challenged with acr=1, answered with acr=2 (allowed) 40 s later, then two minutes pass: a step-up that worked.</summary>
    private static async Task StepUpSuccessfullyThenWaitAsync(FailClosed.FailClosedHost host, Fixture f)
    {
        (await host.PostAsync(f.Token("1", TimeSpan.FromMinutes(3)))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        f.Clock.Advance(TimeSpan.FromSeconds(40));
        (await host.PostAsync(f.Token("2", TimeSpan.FromSeconds(10)))).StatusCode.Should().Be(HttpStatusCode.OK);
        f.Clock.Advance(TimeSpan.FromMinutes(2));
    }

    [Test]
    public async Task Locked_out_user_who_stepped_up_and_later_signs_in_again_with_a_password_gets_the_normal_challenge()
    {
        // The challenge was answered (allowed), so the memory of it is gone: a new, weaker session of the same user
        // within the window is an ordinary caller, not a provider that cannot satisfy the context.
        var f = new Fixture();
        await using var host = await StartAsync(KeycloakDocument(Strength), f.Services());

        await StepUpSuccessfullyThenWaitAsync(host, f);

        var later = await host.PostAsync(f.Token("1", TimeSpan.FromSeconds(5)));

        later.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(later).Should().ContainSingle().Which.Should().Contain("acr_values=\"2\"");
    }

    [Test]
    public async Task Locked_out_user_who_stepped_up_and_later_signs_in_again_weaker_gets_the_normal_challenge_with_a_distributed_cache()
    {
        var f = new Fixture();
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        await using var host = await StartAsync(KeycloakDocument(Strength), f.Services(cache));

        await StepUpSuccessfullyThenWaitAsync(host, f);

        (await host.PostAsync(f.Token("1", TimeSpan.FromSeconds(5)))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Attacker_who_stepped_up_once_still_meets_the_loop_rule_on_the_next_unanswered_challenge()
    {
        // Forgetting after success does not switch the rule off: the next challenge is remembered again.
        var f = new Fixture();
        await using var host = await StartAsync(KeycloakDocument(Strength), f.Services());

        await StepUpSuccessfullyThenWaitAsync(host, f);
        (await host.PostAsync(f.Token("1", TimeSpan.FromMinutes(1)))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        f.Clock.Advance(TimeSpan.FromSeconds(30));

        await ShouldBeUnsatisfiableAsync(await host.PostAsync(f.Token("1", TimeSpan.FromSeconds(5))), "the provider issued acr=1 for a request for 2");
    }

    [Test]
    public async Task Locked_out_user_presenting_the_same_token_again_gets_the_challenge_again()
    {
        var f = new Fixture();
        await using var host = await StartAsync(KeycloakDocument(Strength), f.Services());
        var token = f.Token("1", TimeSpan.FromMinutes(3), issuedAgo: TimeSpan.FromMinutes(3));

        (await host.PostAsync(token)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        f.Clock.Advance(TimeSpan.FromSeconds(30));
        (await host.PostAsync(token)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Locked_out_user_an_older_sign_in_than_the_challenged_one_gets_the_challenge()
    {
        var f = new Fixture();
        await using var host = await StartAsync(KeycloakDocument(Strength), f.Services());

        (await host.PostAsync(f.Token("1", TimeSpan.FromMinutes(3), issuedAgo: TimeSpan.FromMinutes(1)))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        f.Clock.Advance(TimeSpan.FromSeconds(30));
        (await host.PostAsync(f.Token("1", TimeSpan.FromMinutes(20), issuedAgo: TimeSpan.FromMinutes(15)))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [TestCase(9 * 60 + 59, HttpStatusCode.Forbidden)]
    [TestCase(10 * 60, HttpStatusCode.Unauthorized)]
    [TestCase(10 * 60 + 1, HttpStatusCode.Unauthorized)]
    public async Task The_default_window_is_ten_minutes_to_the_second(int secondsLater, HttpStatusCode expected)
    {
        var f = new Fixture();
        await using var host = await StartAsync(KeycloakDocument(Strength), f.Services());

        (await host.PostAsync(f.Token("1", TimeSpan.FromMinutes(3)))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        f.Clock.Advance(TimeSpan.FromSeconds(secondsLater));
        (await host.PostAsync(f.Token("1", TimeSpan.FromSeconds(5)))).StatusCode.Should().Be(expected);
    }

    [TestCase(59, HttpStatusCode.Forbidden)]
    [TestCase(60, HttpStatusCode.Unauthorized)]
    public async Task The_window_is_configurable(int secondsLater, HttpStatusCode expected)
    {
        var f = new Fixture();
        await using var host = await StartAsync(KeycloakDocument(Strength), f.Services(window: TimeSpan.FromMinutes(1)));

        (await host.PostAsync(f.Token("1", TimeSpan.FromMinutes(3)))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        f.Clock.Advance(TimeSpan.FromSeconds(secondsLater));
        (await host.PostAsync(f.Token("1", TimeSpan.FromSeconds(1)))).StatusCode.Should().Be(expected);
    }

    [Test]
    public async Task After_the_window_the_caller_is_challenged_once_more_and_the_rule_starts_again()
    {
        var f = new Fixture();
        await using var host = await StartAsync(KeycloakDocument(Strength), f.Services());

        (await host.PostAsync(f.Token("1", TimeSpan.FromMinutes(3)))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        f.Clock.Advance(TimeSpan.FromMinutes(11));
        (await host.PostAsync(f.Token("1", TimeSpan.FromMinutes(1)))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        f.Clock.Advance(TimeSpan.FromSeconds(30));
        (await host.PostAsync(f.Token("1", TimeSpan.FromSeconds(5)))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Attacker_the_memory_is_per_subject_another_user_is_still_challenged_normally()
    {
        var f = new Fixture();
        await using var host = await StartAsync(KeycloakDocument(Strength), f.Services());

        (await host.PostAsync(f.Token("1", TimeSpan.FromMinutes(3)))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        f.Clock.Advance(TimeSpan.FromSeconds(30));
        (await host.PostAsync(f.Token("1", TimeSpan.FromSeconds(5), userId: "99999999-9999-4999-8999-999999999999"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Attacker_the_rule_never_allows_a_caller_who_still_fails()
    {
        var f = new Fixture();
        await using var host = await StartAsync(KeycloakDocument(Strength), f.Services());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await host.PostAsync(f.Token(i % 2 == 0 ? "0" : "1", TimeSpan.FromSeconds(1)))).StatusCode);
            f.Clock.Advance(TimeSpan.FromSeconds(20));
        }

        statuses.Should().NotContain(HttpStatusCode.OK);
        statuses[0].Should().Be(HttpStatusCode.Unauthorized);
        statuses.Skip(1).Should().OnlyContain(s => s == HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_provider_that_ignores_max_age_is_caught_by_the_same_rule()
    {
        var f = new Fixture();
        await using var host = await StartAsync(EntraDocument(HourlyMfa), f.Services());

        var first = await host.PostAsync(f.Token(null, TimeSpan.FromHours(2), issuedAgo: TimeSpan.FromMinutes(5), amr: ["pwd", "mfa"]));
        first.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        f.Clock.Advance(TimeSpan.FromSeconds(30));
        // A new token (issued after the challenge) with the same old auth_time: the provider ignored max_age.
        var second = await host.PostAsync(f.Token(null, TimeSpan.FromHours(2).Add(TimeSpan.FromSeconds(30)), issuedAgo: TimeSpan.FromSeconds(5), amr: ["pwd", "mfa"]));

        await ShouldBeUnsatisfiableAsync(second, "max_age=3600");
    }

    [Test]
    public async Task An_entra_caller_whose_new_token_still_lacks_the_context_in_acrs_gets_403_naming_it()
    {
        var f = new Fixture();
        await using var host = await StartAsync(EntraDocument(Strength), f.Services());

        (await host.PostAsync(f.Token(null, TimeSpan.FromMinutes(3)))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        f.Clock.Advance(TimeSpan.FromSeconds(30));
        await ShouldBeUnsatisfiableAsync(await host.PostAsync(f.Token(null, TimeSpan.FromSeconds(5))), "authentication context c1 in acrs");
    }

    [Test]
    public async Task With_a_distributed_cache_all_instances_agree()
    {
        var f = new Fixture();
        var shared = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        await using var first = await StartAsync(KeycloakDocument(Strength), f.Services(shared));
        await using var second = await StartAsync(KeycloakDocument(Strength), f.Services(shared));

        (await first.PostAsync(f.Token("1", TimeSpan.FromMinutes(3)))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        f.Clock.Advance(TimeSpan.FromSeconds(30));
        (await second.PostAsync(f.Token("1", TimeSpan.FromSeconds(5)))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_failing_distributed_cache_means_ordinary_challenges_never_an_allow()
    {
        var f = new Fixture();
        await using var host = await StartAsync(KeycloakDocument(Strength), f.Services(new BrokenCache()));

        (await host.PostAsync(f.Token("1", TimeSpan.FromMinutes(3)))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        f.Clock.Advance(TimeSpan.FromSeconds(30));
        (await host.PostAsync(f.Token("1", TimeSpan.FromSeconds(5)))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await host.PostAsync(f.Token("2", TimeSpan.FromSeconds(5)))).StatusCode.Should().Be(HttpStatusCode.OK);
        host.Logs.GetSnapshot().Should().Contain(r => r.Id.Id == 3101);
    }

    [Test]
    public void The_cache_key_holds_no_claim_value()
    {
        var key = StepUpLoopGuard.Key(TestTokens.Issuer, TestTokens.UserId, "c1");

        key.Should().StartWith("protected-actions:step-up:").And.NotContain(TestTokens.UserId).And.NotContain("issuer.test");
        StepUpLoopGuard.Key(TestTokens.Issuer, TestTokens.UserId, "c2").Should().NotBe(key);
        StepUpLoopGuard.Key("https://other.test/", TestTokens.UserId, "c1").Should().NotBe(key);
    }

    [Test]
    public async Task An_invalid_window_fails_start_up()
    {
        var f = new Fixture();
        var act = async () => await StartAsync(KeycloakDocument(Strength), f.Services(window: TimeSpan.Zero));

        await act.Should().ThrowAsync<OptionsValidationException>();
    }

    private sealed class BrokenCache : IDistributedCache
    {
        public byte[]? Get(string key) => throw new InvalidOperationException("down");
        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => throw new InvalidOperationException("down");
        public void Refresh(string key) => throw new InvalidOperationException("down");
        public Task RefreshAsync(string key, CancellationToken token = default) => throw new InvalidOperationException("down");
        public void Remove(string key) => throw new InvalidOperationException("down");
        public Task RemoveAsync(string key, CancellationToken token = default) => throw new InvalidOperationException("down");
        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw new InvalidOperationException("down");
        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) => throw new InvalidOperationException("down");
    }
}
