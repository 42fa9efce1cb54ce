using System.Buffers.Binary;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.Mutation;

/// <summary>
/// The no-loop rule's memory: the bounded in-process map (what is swept, what is kept when it is full, that it
/// never reaches for a store) and the distributed cache (the stored format other instances read, the expiry it
/// asks for, who may clear an entry, and that every failure of the store is logged and means "no memory").
/// </summary>
public sealed class StepUpLoopGuardStoreTests
{
    private const long MaxTicks = 3_155_378_975_999_999_999L;

    /// <summary>An in-test distributed cache: records what it is given and fails on demand.</summary>
    private sealed class RecordingCache : IDistributedCache
    {
        public Dictionary<string, byte[]> Entries { get; } = [];

        public List<(string Key, DistributedCacheEntryOptions Options)> Sets { get; } = [];

        public List<string> Removed { get; } = [];

        public bool FailGet { get; set; }

        public bool FailSet { get; set; }

        public bool FailRemove { get; set; }

        public byte[]? Get(string key) => throw new NotSupportedException();

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
            FailGet ? Task.FromException<byte[]?>(new TimeoutException()) : Task.FromResult(Entries.GetValueOrDefault(key));

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw new NotSupportedException();

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            if (FailSet)
            {
                return Task.FromException(new TimeoutException());
            }

            Sets.Add((key, options));
            Entries[key] = value;
            return Task.CompletedTask;
        }

        public void Refresh(string key) => throw new NotSupportedException();

        public Task RefreshAsync(string key, CancellationToken token = default) => throw new NotSupportedException();

        public void Remove(string key) => throw new NotSupportedException();

        public Task RemoveAsync(string key, CancellationToken token = default)
        {
            if (FailRemove)
            {
                return Task.FromException(new TimeoutException());
            }

            Removed.Add(key);
            Entries.Remove(key);
            return Task.CompletedTask;
        }
    }

    /// <summary>A clock that can be set back (an NTP correction), which <see cref="FakeTimeProvider"/> refuses.</summary>
    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static string AliceKey(string context = "c1") => StepUpLoopGuard.Key(TestTokens.Issuer, "alice", context);

    private static byte[] Stored(long challengedAt, long authenticated, long issued)
    {
        var bytes = new byte[24];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, challengedAt);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8), authenticated);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(16), issued);
        return bytes;
    }

    private static void AssertStoreFailureLogged(LoopGuardKit kit)
    {
        var log = kit.Logs.Should().ContainSingle().Subject;
        log.Id.Id.Should().Be(AspNetCoreLogEventIds.StepUpMemoryFailed);
        log.Level.Should().Be(LogLevel.Warning);
        log.GetStructuredStateValue("ExceptionType").Should().Be(nameof(TimeoutException));
    }

    [Test]
    public async Task The_in_memory_guard_remembers_and_forgets_without_reaching_for_a_store()
    {
        using var kit = new LoopGuardKit();
        await kit.ChallengeAsync();
        kit.Advance(TimeSpan.FromSeconds(20));
        await kit.ForgetAsync(LoopGuardKit.Allowed(), kit.SignIn(TimeSpan.FromSeconds(5)));
        kit.Advance(TimeSpan.FromSeconds(10));

        (await kit.ReturnAsync()).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired, "the step-up worked and was forgotten");
        kit.Logs.Should().BeEmpty("no store failed: there is none");
    }

    [Test]
    public async Task A_decision_that_is_not_an_allow_does_not_forget_the_challenge()
    {
        using var kit = new LoopGuardKit();
        await kit.ChallengeAsync();
        kit.Advance(TimeSpan.FromSeconds(20));
        await kit.ForgetAsync(LoopGuardKit.StepUp(), kit.SignIn(TimeSpan.FromSeconds(5)));
        await kit.ForgetAsync(ProtectedActionDecision.Create(ProtectedActionOutcome.Denied, LoopGuardKit.Permission, "c1", causes: DecisionCauses.Blocked),
            kit.SignIn(TimeSpan.FromSeconds(5)));
        kit.Advance(TimeSpan.FromSeconds(10));

        (await kit.ReturnAsync()).Outcome.Should().Be(ProtectedActionOutcome.Denied);
    }

    [Test]
    public async Task Only_the_instance_that_sent_the_challenge_clears_the_shared_memory()
    {
        var cache = new RecordingCache();
        var clock = new FakeTimeProvider(LoopGuardKit.Start);
        using var sender = new LoopGuardKit(cache, clock);
        using var other = new LoopGuardKit(cache, clock);
        await sender.ChallengeAsync("alice");
        await other.ChallengeAsync("bob");
        clock.Advance(TimeSpan.FromSeconds(20));

        // The other instance remembers a challenge of its own, but never challenged alice: it leaves her entry to expire.
        await other.ForgetAsync(LoopGuardKit.Allowed(), other.SignIn(TimeSpan.FromSeconds(5)));
        cache.Removed.Should().BeEmpty();
        (await other.ReturnAsync()).Outcome.Should().Be(ProtectedActionOutcome.Denied);

        await sender.ForgetAsync(LoopGuardKit.Allowed(), sender.SignIn(TimeSpan.FromSeconds(5)));
        cache.Removed.Should().Equal(AliceKey());
        clock.Advance(TimeSpan.FromSeconds(10));
        (await other.ReturnAsync()).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        sender.Logs.Should().BeEmpty();
        other.Logs.Should().ContainSingle().Which.Id.Id.Should().Be(AspNetCoreLogEventIds.StepUpUnsatisfiable);
    }

    [Test]
    public async Task The_local_hint_of_a_shared_memory_is_bounded_like_the_in_memory_store()
    {
        var cache = new RecordingCache();
        using var kit = new LoopGuardKit(cache, maxEntries: 1);
        await kit.ChallengeAsync("alice");
        await kit.ChallengeAsync("bob");
        cache.Sets.Should().HaveCount(2, "both challenges are shared");

        await kit.ForgetAsync(LoopGuardKit.Allowed(), kit.SignIn(TimeSpan.FromSeconds(5), "bob"));
        await kit.ForgetAsync(LoopGuardKit.Allowed(), kit.SignIn(TimeSpan.FromSeconds(5), "alice"));

        cache.Removed.Should().Equal([AliceKey()], "only alice fitted in the local hint; bob's entry is left to expire");
    }

    [Test]
    public async Task A_store_that_fails_to_forget_is_logged_and_the_request_goes_on()
    {
        var cache = new RecordingCache();
        using var kit = new LoopGuardKit(cache);
        await kit.ChallengeAsync();
        cache.FailRemove = true;

        await kit.ForgetAsync(LoopGuardKit.Allowed(), kit.SignIn(TimeSpan.FromSeconds(5)));

        AssertStoreFailureLogged(kit);
    }

    [Test]
    public async Task A_store_that_fails_to_read_is_logged_and_means_the_ordinary_challenge()
    {
        var cache = new RecordingCache();
        using var kit = new LoopGuardKit(cache);
        await kit.ChallengeAsync();
        kit.Advance(TimeSpan.FromSeconds(30));
        cache.FailGet = true;

        var decision = LoopGuardKit.StepUp();
        (await kit.ApplyAsync(decision, kit.SignIn(TimeSpan.FromSeconds(5)))).Should().BeSameAs(decision);

        AssertStoreFailureLogged(kit);
    }

    [Test]
    public async Task A_store_that_fails_to_write_is_logged_and_means_the_ordinary_challenge()
    {
        var cache = new RecordingCache { FailSet = true };
        using var kit = new LoopGuardKit(cache);

        await kit.ChallengeAsync();

        AssertStoreFailureLogged(kit);
    }

    [Test]
    public async Task The_shared_entry_holds_the_challenge_time_and_the_challenged_tokens_times_and_expires_with_the_window()
    {
        var cache = new RecordingCache();
        using var kit = new LoopGuardKit(cache, window: TimeSpan.FromMinutes(7));
        var authenticated = kit.Now - TimeSpan.FromMinutes(5);
        var issued = kit.Now - TimeSpan.FromMinutes(4);

        await kit.ApplyAsync(LoopGuardKit.StepUp(), kit.SignIn(TimeSpan.FromMinutes(5), tenant: "tenant-a"), LoopGuardKit.User(LoopGuardKit.IssuedAt(issued)));

        var (key, options) = cache.Sets.Should().ContainSingle().Subject;
        key.Should().Be(StepUpLoopGuard.Key(TestTokens.Issuer, "alice", "c1", "tenant-a"));
        options.AbsoluteExpirationRelativeToNow.Should().Be(TimeSpan.FromMinutes(7));
        options.AbsoluteExpiration.Should().BeNull();
        options.SlidingExpiration.Should().BeNull();
        cache.Entries[key].Should().Equal(Stored(kit.Now.UtcTicks, authenticated.UtcTicks, issued.UtcTicks));
        kit.Logs.Should().BeEmpty("a first challenge is a miss, not a failure");
    }

    [Test]
    public async Task A_challenged_token_without_auth_time_or_iat_is_stored_as_none_and_read_back_by_another_instance()
    {
        var cache = new RecordingCache();
        var clock = new FakeTimeProvider(LoopGuardKit.Start);
        using var sender = new LoopGuardKit(cache, clock);
        using var other = new LoopGuardKit(cache, clock);

        await sender.ApplyAsync(LoopGuardKit.StepUp(), sender.SignIn(null));

        cache.Entries[AliceKey()].Should().Equal(Stored(clock.GetUtcNow().UtcTicks, -1, -1));
        clock.Advance(TimeSpan.FromSeconds(30));
        (await other.ReturnAsync()).Outcome.Should().Be(ProtectedActionOutcome.Denied);
        other.Logs.Should().ContainSingle().Which.Id.Id.Should().Be(AspNetCoreLogEventIds.StepUpUnsatisfiable);
    }

    [Test]
    public async Task A_shared_entry_of_another_length_is_not_this_librarys_and_is_ignored()
    {
        var cache = new RecordingCache();
        using var kit = new LoopGuardKit(cache);
        var foreign = new byte[32];
        Stored(kit.Now.UtcTicks, -1, -1).CopyTo(foreign, 0);
        cache.Entries[AliceKey()] = foreign;
        kit.Advance(TimeSpan.FromSeconds(30));

        (await kit.ReturnAsync()).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        kit.Logs.Should().BeEmpty();
    }

    [TestCase(-1L)]
    [TestCase(long.MinValue)]
    [TestCase(MaxTicks + 1)]
    public async Task A_shared_entry_whose_challenge_time_is_out_of_range_is_no_challenge(long ticks)
    {
        var cache = new RecordingCache();
        using var kit = new LoopGuardKit(cache);
        cache.Entries[AliceKey()] = Stored(ticks, -1, -1);

        (await kit.ReturnAsync()).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        kit.Logs.Should().BeEmpty();
    }

    [Test]
    public async Task A_shared_entry_whose_challenged_token_is_from_the_last_representable_instant_is_never_answered()
    {
        var cache = new RecordingCache();
        using var kit = new LoopGuardKit(cache);
        cache.Entries[AliceKey()] = Stored(kit.Now.UtcTicks, MaxTicks, MaxTicks);
        kit.Advance(TimeSpan.FromSeconds(30));

        // No token is newer than the challenged one: the ordinary challenge.
        (await kit.ApplyAsync(LoopGuardKit.StepUp(), kit.SignIn(TimeSpan.FromSeconds(5)), LoopGuardKit.User(LoopGuardKit.IssuedAt(kit.Now)))).Outcome
            .Should().Be(ProtectedActionOutcome.StepUpRequired);
        kit.Logs.Should().BeEmpty();
    }

    [Test]
    public async Task A_challenge_repeated_while_the_memory_is_full_restarts_its_window()
    {
        using var kit = new LoopGuardKit(maxEntries: 1);
        await kit.ChallengeAsync();
        kit.Advance(TimeSpan.FromMinutes(6));

        // The same five-minute-old sign-in again: not an answer, an ordinary challenge, remembered anew.
        var decision = LoopGuardKit.StepUp();
        (await kit.ApplyAsync(decision, kit.SignIn(TimeSpan.FromMinutes(11)))).Should().BeSameAs(decision);
        kit.Advance(TimeSpan.FromMinutes(5));

        (await kit.ReturnAsync()).Outcome.Should().Be(ProtectedActionOutcome.Denied, "the second challenge, 5 minutes ago, is within the window");
    }

    [Test]
    public async Task A_full_memory_drops_a_challenge_exactly_one_window_old()
    {
        using var kit = new LoopGuardKit(maxEntries: 1);
        await kit.ChallengeAsync("alice");
        kit.Advance(kit.LoopOptions.Window);
        await kit.ChallengeAsync("bob");
        kit.Advance(TimeSpan.FromSeconds(30));

        (await kit.ReturnAsync("bob")).Outcome.Should().Be(ProtectedActionOutcome.Denied, "alice's expired challenge made room for bob's");
    }

    [Test]
    public async Task A_full_memory_keeps_a_challenge_of_this_instant_and_of_a_second_ago()
    {
        using var kit = new LoopGuardKit(maxEntries: 1);
        await kit.ChallengeAsync("alice");
        await kit.ChallengeAsync("bob");
        kit.Advance(TimeSpan.FromSeconds(1));
        await kit.ChallengeAsync("carol");
        kit.Advance(TimeSpan.FromSeconds(30));

        (await kit.ReturnAsync("alice")).Outcome.Should().Be(ProtectedActionOutcome.Denied);
        (await kit.ReturnAsync("bob")).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        (await kit.ReturnAsync("carol")).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [Test]
    public async Task A_full_memory_drops_a_challenge_from_the_future_after_the_clock_was_set_back()
    {
        var clock = new SettableClock(LoopGuardKit.Start);
        using var kit = new LoopGuardKit(clock: clock, maxEntries: 1);
        await kit.ChallengeAsync("alice");
        clock.Now -= TimeSpan.FromHours(1);

        await kit.ChallengeAsync("bob");
        clock.Now += TimeSpan.FromSeconds(30);

        (await kit.ReturnAsync("bob")).Outcome.Should().Be(ProtectedActionOutcome.Denied, "alice's challenge, an hour in the future, made room for bob's");
    }
}
