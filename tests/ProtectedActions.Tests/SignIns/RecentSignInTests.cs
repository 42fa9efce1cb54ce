using System.Net;
using System.Security.Claims;
using ProtectedActions.SignIns;

namespace ProtectedActions.Tests.SignIns;

/// <summary>
/// The handler's per-thread reuse of the last mapped sign-in (<see cref="RecentSignIn"/>, docs/decisions/request-path-performance.md §10):
/// the same identity with exactly the same claims maps once; any change to what the mapping reads maps again, and every
/// sign-in it hands out is exactly the one a fresh mapping gives.
/// </summary>
public class RecentSignInTests
{
    private const string Issuer = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0";
    private static readonly IPAddress Office = IPAddress.Parse("203.0.113.10");

    private static ClaimsIdentity Identity(params Claim[] claims) => new(claims, "Bearer");

    private static Claim C(string type, string value) => new(type, value, ClaimValueTypes.String, Issuer);

    private static ClaimsIdentity Fido2() => Identity(C("iss", Issuer), C("oid", "11111111-1111-1111-1111-111111111111"),
        C("amr", "fido"), C("amr", "mfa"), new Claim("auth_time", "1700000000", ClaimValueTypes.Integer64, Issuer), C("groups", "g1"), C("groups", "g2"));

    private static SignInContext Fresh(ClaimsIdentity identity, IPAddress? ip, ClaimNeeds needs) => SignInMapper.FromClaimsIdentityReading(identity, ip, needs);

    [Test]
    public void The_same_identity_with_the_same_claims_is_mapped_once_and_reads_as_a_fresh_mapping()
    {
        var identity = Fido2();

        var first = RecentSignIn.Read(identity, Office, ClaimNeeds.All);
        var second = RecentSignIn.Read(identity, Office, ClaimNeeds.All);

        second.Should().BeSameAs(first);
        OptimisedMapperEquivalenceTests.ShouldMatch(second, Fresh(identity, Office, ClaimNeeds.All), "a reused sign-in");
    }

    [Test]
    public void Attacker_weakened_claims_after_a_strong_authorization_are_read_again()
    {
        var identity = Fido2();
        RecentSignIn.Read(identity, Office, ClaimNeeds.All).AuthenticationMethodReferences.Should().Equal("fido", "mfa");

        identity.RemoveClaim(identity.FindFirst(c => c.Type == "amr" && c.Value == "fido"));
        identity.RemoveClaim(identity.FindFirst(c => c.Type == "amr" && c.Value == "mfa"));
        identity.AddClaim(C("amr", "pwd"));

        var after = RecentSignIn.Read(identity, Office, ClaimNeeds.All);
        after.AuthenticationMethodReferences.Should().Equal("pwd");
        OptimisedMapperEquivalenceTests.ShouldMatch(after, Fresh(identity, Office, ClaimNeeds.All), "claims changed");
    }

    [Test]
    public void Attacker_a_claim_replaced_in_place_by_another_object_is_read_again()
    {
        var identity = Fido2();
        RecentSignIn.Read(identity, Office, ClaimNeeds.All);

        // Same count, same position: only the object differs (the identity's Claims is its own list).
        var list = (List<Claim>)identity.Claims;
        var index = list.FindIndex(c => c.Type == "auth_time");
        list[index] = new Claim("auth_time", "1600000000", ClaimValueTypes.Integer64, Issuer, Issuer, identity);

        var after = RecentSignIn.Read(identity, Office, ClaimNeeds.All);
        after.AuthenticationTime.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1_600_000_000));
    }

    [Test]
    public void A_claim_added_at_the_end_is_read_again()
    {
        var identity = Fido2();
        RecentSignIn.Read(identity, Office, ClaimNeeds.All).SatisfiedContexts.Should().BeNull();

        identity.AddClaim(C("acrs", "c1"));

        RecentSignIn.Read(identity, Office, ClaimNeeds.All).SatisfiedContexts.Should().Equal("c1");
    }

    [Test]
    public void Another_address_object_maps_again_with_that_address_even_when_it_is_equal()
    {
        var identity = Fido2();
        var first = RecentSignIn.Read(identity, Office, ClaimNeeds.All);
        var sameValue = IPAddress.Parse("203.0.113.10");

        var second = RecentSignIn.Read(identity, sameValue, ClaimNeeds.All);
        var elsewhere = RecentSignIn.Read(identity, IPAddress.Parse("198.51.100.7"), ClaimNeeds.All);
        var none = RecentSignIn.Read(identity, null, ClaimNeeds.All);

        second.Should().NotBeSameAs(first);
        second.IpAddress.Should().BeSameAs(sameValue);
        elsewhere.IpAddress.Should().Be(IPAddress.Parse("198.51.100.7"));
        none.IpAddress.Should().BeNull();
    }

    [Test]
    public void Other_claim_needs_map_again_with_those_needs()
    {
        var identity = Fido2();
        RecentSignIn.Read(identity, Office, ClaimNeeds.None).GroupIds.Should().BeNull("groups are not read for a context that does not need them");

        RecentSignIn.Read(identity, Office, ClaimNeeds.Groups).GroupIds.Should().Equal("g1", "g2");
        RecentSignIn.Read(identity, Office, ClaimNeeds.None).GroupIds.Should().BeNull();
    }

    [Test]
    public void Another_identity_with_equal_claims_gets_its_own_sign_in()
    {
        var first = RecentSignIn.Read(Fido2(), Office, ClaimNeeds.All);
        var second = RecentSignIn.Read(Fido2(), Office, ClaimNeeds.All);

        second.Should().NotBeSameAs(first);
        OptimisedMapperEquivalenceTests.ShouldMatch(second, first, "equal claims");
    }

    [Test]
    public void An_identity_beyond_the_remembered_size_maps_every_claim_and_is_not_remembered()
    {
        var claims = new List<Claim> { C("iss", Issuer), C("amr", "pwd") };
        claims.AddRange(Enumerable.Range(0, RecentSignIn.MaxClaims).Select(i => C("groups", "g" + i)));
        var identity = Identity([.. claims]);

        var first = RecentSignIn.Read(identity, Office, ClaimNeeds.All);
        var second = RecentSignIn.Read(identity, Office, ClaimNeeds.All);

        first.GroupIds.Should().HaveCount(RecentSignIn.MaxClaims);
        second.Should().NotBeSameAs(first);
        OptimisedMapperEquivalenceTests.ShouldMatch(second, Fresh(identity, Office, ClaimNeeds.All), "a large identity");
    }

    [Test]
    public void An_identity_of_exactly_the_remembered_size_is_remembered()
    {
        var claims = new List<Claim> { C("iss", Issuer), C("amr", "pwd") };
        claims.AddRange(Enumerable.Range(0, RecentSignIn.MaxClaims - 2).Select(i => C("groups", "g" + i)));
        var identity = Identity([.. claims]);

        var first = RecentSignIn.Read(identity, Office, ClaimNeeds.All);

        RecentSignIn.Read(identity, Office, ClaimNeeds.All).Should().BeSameAs(first);
        first.GroupIds.Should().HaveCount(RecentSignIn.MaxClaims - 2);
    }

    /// <summary>A thread's first sign-ins grow its buffer (32 claims at first) up to the remembered size.</summary>
    [TestCase(33)]
    [TestCase(100)]
    [TestCase(RecentSignIn.MaxClaims)]
    public void A_new_thread_maps_a_large_identity_and_remembers_it(int count)
    {
        var claims = new List<Claim> { C("iss", Issuer), C("amr", "fido") };
        claims.AddRange(Enumerable.Range(0, count - 2).Select(i => C("groups", "g" + i)));
        var identity = Identity([.. claims]);
        SignInContext? first = null, second = null;
        Exception? failure = null;

        var thread = new Thread(() =>
        {
            try
            {
                RecentSignIn.Read(Identity(C("iss", Issuer)), null, ClaimNeeds.All);
                first = RecentSignIn.Read(identity, Office, ClaimNeeds.All);
                second = RecentSignIn.Read(identity, Office, ClaimNeeds.All);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        thread.Join();

        failure.Should().BeNull();
        second.Should().BeSameAs(first);
        first!.GroupIds.Should().HaveCount(count - 2);
        OptimisedMapperEquivalenceTests.ShouldMatch(first, Fresh(identity, Office, ClaimNeeds.All), "a thread's first large identity");
    }

    [Test]
    public void An_identity_whose_claims_cannot_be_read_maps_as_the_reader_maps_it()
    {
        var signIn = RecentSignIn.Read(new ThrowingIdentity(), Office, ClaimNeeds.All);

        signIn.Notes.Should().Equal("claims: the claims could not be read; every claim is treated as absent");
        signIn.IpAddress.Should().BeSameAs(Office);
    }

    [Test]
    public void An_identity_whose_claims_are_not_a_list_maps_every_claim()
    {
        var identity = new ArrayClaimsIdentity([C("iss", Issuer), C("amr", "fido"), C("amr", "mfa")]);

        var first = RecentSignIn.Read(identity, Office, ClaimNeeds.All);
        var second = RecentSignIn.Read(identity, Office, ClaimNeeds.All);

        first.AuthenticationMethodReferences.Should().Equal("fido", "mfa");
        second.Should().NotBeSameAs(first);
    }

    /// <summary>Property: random identities, read again and again in random order (some changed in between) on several threads, always read as a fresh mapping.</summary>
    [Test]
    public void Random_identities_read_repeatedly_on_several_threads_always_match_a_fresh_mapping()
    {
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, worker =>
        {
            var random = new Random(1000 + worker);
            var identities = Enumerable.Range(0, 6).Select(_ => OptimisedMapperEquivalenceTests.RandomIdentity(random, authenticated: true)).ToArray();
            IPAddress?[] addresses = [null, Office, IPAddress.Parse("198.51.100.7")];
            ClaimNeeds[] needs = [ClaimNeeds.None, ClaimNeeds.All, ClaimNeeds.Groups | ClaimNeeds.Device];
            for (var i = 0; i < 1500; i++)
            {
                var identity = identities[random.Next(identities.Length)];
                if (random.Next(8) == 0)
                {
                    identity.AddClaim(OptimisedMapperEquivalenceTests.RandomClaim(random));
                }
                else if (random.Next(8) == 0 && identity.Claims.FirstOrDefault() is { } first)
                {
                    identity.RemoveClaim(first);
                }

                var ip = addresses[random.Next(addresses.Length)];
                var need = needs[random.Next(needs.Length)];
                var actual = RecentSignIn.Read(identity, ip, need);
                try
                {
                    OptimisedMapperEquivalenceTests.ShouldMatch(actual, Fresh(identity, ip, need), $"worker {worker}, step {i}");
                }
                catch (Exception ex)
                {
                    failures.Enqueue(ex.Message);
                }
            }
        });

        failures.Should().BeEmpty();
    }

    private sealed class ThrowingIdentity() : ClaimsIdentity("Bearer")
    {
        public override IEnumerable<Claim> Claims => throw new InvalidOperationException("claims unavailable");
    }

    private sealed class ArrayClaimsIdentity(Claim[] claims) : ClaimsIdentity("Bearer")
    {
        public override IEnumerable<Claim> Claims => claims;
    }
}
