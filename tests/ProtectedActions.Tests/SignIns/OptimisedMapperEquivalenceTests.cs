using System.Net;
using System.Security.Claims;

namespace ProtectedActions.Tests.SignIns;

/// <summary>
/// The optimised claim reader (docs/decisions/request-path-performance.md) (index loops, a reader reused per thread, exact-size and shared claim
/// lists, the packed <see cref="SignInContext"/>) must give exactly the sign-in and the notes of the reference
/// reader (<see cref="ReferenceSignInClaimReader"/>, the code as it was) for every input, malformed or not.
/// </summary>
public class OptimisedMapperEquivalenceTests
{
    private const string V2Issuer = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0";
    private const string V1Issuer = "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/";
    private const string OtherTenantIssuer = "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0";

    private static readonly string[] Types =
    [
        "oid", "http://schemas.microsoft.com/identity/claims/objectidentifier", "sub", ClaimTypes.NameIdentifier,
        "tid", "http://schemas.microsoft.com/identity/claims/tenantid", "iss", "groups", "wids", "amr",
        "http://schemas.microsoft.com/claims/authnmethodsreferences", "auth_time", "acrs", "acr",
        "http://schemas.microsoft.com/claims/authnclassreference", "xms_cc", "deviceid", "idtyp", "acct", "idp",
        "http://schemas.microsoft.com/identity/claims/identityprovider", "_claim_names", "hasgroups", "_claim_sources",
        "scp", "name", "aud", "uti", "OID", "Groups", "",
    ];

    private static readonly string[] Values =
    [
        "", " ", "x", "11111111-1111-1111-1111-111111111111", "72f988bf-86f1-41af-91ab-2d7cd011db47",
        "f8cdef31-a31e-4b4a-93e4-5f571e91255a", V2Issuer, V1Issuer, OtherTenantIssuer, "https://accounts.google.com",
        "live.com", "c1", "c2", "c99", "c100", "c0", "c01", "C1", "cp1", "CP1", "cp2", "pwd", "mfa", "fido", "rsa",
        "wia", "otp", "sms", "ngcmfa", "hwk", "swk", "face", "0", "1", "2", "-1", "true", "TRUE", "false",
        "1700000000", "1700000000.75", "946684799", "253402300800", "1e9", "NaN", "app", "user",
        "[\"g1\",\"g2\"]", "[\"pwd\",\"mfa\"]", "[\"c1\"]", "[\"cp1\"]", "[]", "[1,2]", "[\"a\",[\"b\"]]", "[\"a\"",
        "[", "{\"groups\":\"src1\"}", "{\"GROUPS\":\"s\"}", "{\"other\":\"s\"}", "{}", "{\"src1\":{\"endpoint\":\"e\"}}",
        "not json", "[\"" + new string('a', 2049) + "\"]", new string('v', 2048), new string('v', 2049),
    ];

    private static readonly string?[] ValueTypes =
    [
        ClaimValueTypes.String, ClaimValueTypes.String, ClaimValueTypes.String, ClaimValueTypes.Integer64,
        ClaimValueTypes.Integer, ClaimValueTypes.Boolean, ClaimValueTypes.Double, "JSON", "JSON_ARRAY", null, "",
    ];

    private static readonly string[] Issuers = [V2Issuer, V2Issuer, V1Issuer, OtherTenantIssuer, ClaimsIdentity.DefaultIssuer, ""];

    internal static Claim RandomClaim(Random random)
    {
        var type = Types[random.Next(Types.Length)];
        var value = Values[random.Next(Values.Length)];
        var valueType = ValueTypes[random.Next(ValueTypes.Length)];
        var issuer = Issuers[random.Next(Issuers.Length)];
        return new Claim(type, value, valueType, issuer);
    }

    internal static ClaimsIdentity RandomIdentity(Random random, bool? authenticated = null)
    {
        var claims = new List<Claim>();
        var count = random.Next(0, 40);
        for (var i = 0; i < count; i++)
        {
            claims.Add(RandomClaim(random));
        }

        // Many groups now and then: the lists beyond the reader's retained size, and the 1000-entry limit.
        if (random.Next(10) == 0)
        {
            var many = random.Next(2) == 0 ? random.Next(200, 300) : 1001;
            for (var i = 0; i < many; i++)
            {
                claims.Add(new Claim("groups", "g" + i, ClaimValueTypes.String, V2Issuer));
            }
        }

        return new ClaimsIdentity(claims, (authenticated ?? random.Next(5) != 0) ? "Bearer" : null);
    }

    private static ClaimsPrincipal RandomPrincipal(Random random)
    {
        var principal = new ClaimsPrincipal(RandomIdentity(random));
        var more = random.Next(4) == 0 ? random.Next(1, 3) : 0;
        for (var i = 0; i < more; i++)
        {
            principal.AddIdentity(RandomIdentity(random));
        }

        return principal;
    }

    internal static void ShouldMatch(SignInContext actual, SignInContext expected, string because)
    {
        actual.UserId.Should().Be(expected.UserId, because);
        actual.TenantId.Should().Be(expected.TenantId, because);
        actual.Issuer.Should().Be(expected.Issuer, because);
        SameList(actual.GroupIds, expected.GroupIds, "groups " + because);
        SameList(actual.RoleIds, expected.RoleIds, "wids " + because);
        actual.UserType.Should().Be(expected.UserType, because);
        actual.GuestOrExternalUserTypes.Should().Be(expected.GuestOrExternalUserTypes, because);
        SameList(actual.AuthenticationMethodReferences, expected.AuthenticationMethodReferences, "amr " + because);
        actual.AuthenticationMethods.Should().Be(expected.AuthenticationMethods, because);
        actual.AuthenticationTime.Should().Be(expected.AuthenticationTime, because);
        SameList(actual.SatisfiedContexts, expected.SatisfiedContexts, "acrs " + because);
        SameList(actual.ClientCapabilities, expected.ClientCapabilities, "xms_cc " + because);
        actual.Acr.Should().Be(expected.Acr, because);
        actual.IpAddress.Should().Be(expected.IpAddress, because);
        actual.Country.Should().Be(expected.Country, because);
        actual.DevicePlatform.Should().Be(expected.DevicePlatform, because);
        actual.ClientAppType.Should().Be(expected.ClientAppType, because);
        (actual.Device is null).Should().Be(expected.Device is null, because);
        actual.Device?.DeviceId.Should().Be(expected.Device!.DeviceId, because);
        actual.Device?.IsComplete.Should().Be(expected.Device!.IsComplete, because);
        actual.SignInRiskLevel.Should().Be(expected.SignInRiskLevel, because);
        actual.UserRiskLevel.Should().Be(expected.UserRiskLevel, because);
        actual.Notes.Should().Equal(expected.Notes, because);
    }

    private static void SameList(IReadOnlyList<string>? actual, IReadOnlyList<string>? expected, string because)
    {
        if (expected is null)
        {
            actual.Should().BeNull(because);
            return;
        }

        actual.Should().NotBeNull(because);
        actual!.Count.Should().Be(expected.Count, because);
        actual.Should().Equal(expected, because);
    }

    [Test]
    public void Random_principals_map_exactly_as_the_reference_reader_maps_them([Values(1, 2, 3, 4)] int seed)
    {
        var random = new Random(seed);
        var address = IPAddress.Parse("203.0.113.10");
        for (var i = 0; i < 500; i++)
        {
            var principal = RandomPrincipal(random);
            var ip = random.Next(3) == 0 ? null : address;
            ShouldMatch(SignInMapper.FromClaimsPrincipal(principal, ip), ReferenceSignInClaimReader.FromClaimsPrincipal(principal, ip), $"principal, seed {seed}, case {i}");
            foreach (var identity in principal.Identities)
            {
                ShouldMatch(SignInMapper.FromClaimsIdentity(identity, ip), ReferenceSignInClaimReader.FromClaimsIdentity(identity, ip), $"identity, seed {seed}, case {i}");
            }
        }
    }

    [Test]
    public void A_principal_type_that_overrides_its_claims_is_read_through_its_claims()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var principal = new ReversedPrincipal(RandomPrincipal(random));
            ShouldMatch(SignInMapper.FromClaimsPrincipal(principal), ReferenceSignInClaimReader.FromClaimsPrincipal(principal), $"case {i}");
        }
    }

    [Test]
    public void Claims_that_are_not_a_list_are_read_as_the_reference_reads_them()
    {
        var random = new Random(11);
        for (var i = 0; i < 200; i++)
        {
            var identity = new EnumerableIdentity(RandomIdentity(random, authenticated: true));
            ShouldMatch(SignInMapper.FromClaimsIdentity(identity), ReferenceSignInClaimReader.FromClaimsIdentity(identity), $"case {i}");
            var principal = new ClaimsPrincipal(identity);
            ShouldMatch(SignInMapper.FromClaimsPrincipal(principal), ReferenceSignInClaimReader.FromClaimsPrincipal(principal), $"principal case {i}");
        }
    }

    [Test]
    public void A_claims_source_that_throws_midway_leaves_nothing_behind_for_the_next_sign_in()
    {
        var throwing = new ClaimsPrincipal(new ThrowingIdentity([new Claim("oid", "attacker"), new Claim("acrs", "c1"), new Claim("amr", "fido")]));
        var failed = SignInMapper.FromClaimsPrincipal(throwing);
        failed.Notes.Should().Equal("claims: the claims could not be read; every claim is treated as absent");
        failed.SatisfiedContexts.Should().BeNull();

        // The next sign-in on this thread must not inherit acrs, amr or the user of the one that failed.
        var next = SignInMapper.FromClaimsPrincipal(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "s")], "Bearer")));
        next.UserId.Should().Be("s");
        next.SatisfiedContexts.Should().BeNull();
        next.AuthenticationMethodReferences.Should().BeNull();
        next.Notes.Should().BeEmpty();
    }

    [Test]
    public void A_claim_that_maps_another_sign_in_while_it_is_read_does_not_mix_the_two()
    {
        var inner = new ClaimsIdentity([new Claim("oid", "inner"), new Claim("acrs", "c1"), new Claim("groups", "g-inner")], "Bearer");
        var outer = new ReentrantIdentity([new Claim("oid", "outer"), new Claim("amr", "pwd"), new Claim("groups", "g-outer")], inner);

        var signIn = SignInMapper.FromClaimsIdentity(outer);

        ShouldMatch(signIn, ReferenceSignInClaimReader.FromClaimsIdentity(outer), "re-entrant claim");
        signIn.UserId.Should().Be("outer");
        signIn.SatisfiedContexts.Should().BeNull("acrs belongs to the sign-in mapped from inside, not to this one");
        signIn.GroupIds.Should().Equal("g-outer");
    }

    [Test]
    public void Shared_claim_lists_cannot_be_written_through_by_one_caller_to_change_another_callers_sign_in()
    {
        var first = SignInMapper.FromClaimsIdentity(new ClaimsIdentity([new Claim("xms_cc", "cp1"), new Claim("acrs", "c1"), new Claim("amr", "pwd"), new Claim("amr", "mfa")], "Bearer"));

        foreach (var list in new[] { first.ClientCapabilities!, first.SatisfiedContexts!, first.AuthenticationMethodReferences! })
        {
            list.Should().NotBeAssignableTo<string[]>();
            var writable = list as IList<string>;
            if (writable is not null)
            {
                writable.Invoking(l => l[0] = "changed").Should().Throw<NotSupportedException>();
            }
        }

        var second = SignInMapper.FromClaimsIdentity(new ClaimsIdentity([new Claim("xms_cc", "cp1"), new Claim("acrs", "c1"), new Claim("amr", "pwd"), new Claim("amr", "mfa")], "Bearer"));
        second.ClientCapabilities.Should().Equal("cp1");
        second.SatisfiedContexts.Should().Equal("c1");
        second.AuthenticationMethodReferences.Should().Equal("pwd", "mfa");
    }

    [TestCase("c01")]
    [TestCase("C1")]
    [TestCase("c100")]
    [TestCase("c0")]
    [TestCase("c1 ")]
    public void An_acrs_spelled_unlike_a_context_id_is_kept_as_spelled_never_read_as_that_context(string acrs)
    {
        var signIn = SignInMapper.FromClaimsIdentity(new ClaimsIdentity([new Claim("acrs", acrs)], "Bearer"));
        signIn.SatisfiedContexts.Should().Equal(acrs);
    }

    [Test]
    public void Amr_in_another_order_or_case_keeps_its_own_order_and_case()
    {
        SignInMapper.FromClaimsIdentity(new ClaimsIdentity([new Claim("amr", "mfa"), new Claim("amr", "fido")], "Bearer"))
            .AuthenticationMethodReferences.Should().Equal("mfa", "fido");
        SignInMapper.FromClaimsIdentity(new ClaimsIdentity([new Claim("amr", "PWD"), new Claim("amr", "mfa")], "Bearer"))
            .AuthenticationMethodReferences.Should().Equal("PWD", "mfa");
        SignInMapper.FromClaimsIdentity(new ClaimsIdentity([new Claim("amr", "pwd"), new Claim("amr", "mfa"), new Claim("amr", "fido")], "Bearer"))
            .AuthenticationMethodReferences.Should().Equal("pwd", "mfa", "fido");
    }

    [Test]
    public void Two_hundred_groups_map_to_exactly_two_hundred_groups_in_order()
    {
        var claims = Enumerable.Range(0, 200).Select(i => new Claim("groups", "g" + i)).ToList();
        var signIn = SignInMapper.FromClaimsIdentity(new ClaimsIdentity(claims, "Bearer"));
        signIn.GroupIds.Should().Equal(claims.Select(c => c.Value));

        // A later small sign-in on the same thread has only its own groups.
        SignInMapper.FromClaimsIdentity(new ClaimsIdentity([new Claim("groups", "only")], "Bearer")).GroupIds.Should().Equal("only");
    }

    [Test]
    public void Sign_ins_mapped_on_several_threads_at_once_match_the_reference()
    {
        var principals = Enumerable.Range(0, 400).Select(i => RandomPrincipal(new Random(1000 + i))).ToArray();
        var expected = principals.Select(p => ReferenceSignInClaimReader.FromClaimsPrincipal(p)).ToArray();
        var actual = new SignInContext[principals.Length];
        Parallel.For(0, principals.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => actual[i] = SignInMapper.FromClaimsPrincipal(principals[i]));
        for (var i = 0; i < principals.Length; i++)
        {
            ShouldMatch(actual[i], expected[i], $"case {i}");
        }
    }

    /// <summary>Claims in reverse order: a principal type whose Claims is not "each identity's claims".</summary>
    private sealed class ReversedPrincipal(ClaimsPrincipal inner) : ClaimsPrincipal(inner)
    {
        public override IEnumerable<Claim> Claims => base.Claims.Reverse().ToList();
    }

    /// <summary>Claims exposed as a lazy sequence, not a list.</summary>
    private sealed class EnumerableIdentity(ClaimsIdentity inner) : ClaimsIdentity(inner)
    {
        public override IEnumerable<Claim> Claims => base.Claims.Select(c => c);
    }

    private sealed class ThrowingIdentity(IEnumerable<Claim> claims) : ClaimsIdentity(claims, "Bearer")
    {
        public override IEnumerable<Claim> Claims
        {
            get
            {
                foreach (var claim in base.Claims)
                {
                    yield return claim;
                }

                throw new InvalidOperationException("claims store unavailable");
            }
        }
    }

    /// <summary>An identity whose claims map another identity halfway through (re-entrancy into the reader).</summary>
    private sealed class ReentrantIdentity(IEnumerable<Claim> claims, ClaimsIdentity other) : ClaimsIdentity(claims, "Bearer")
    {
        public override IEnumerable<Claim> Claims
        {
            get
            {
                var i = 0;
                foreach (var claim in base.Claims)
                {
                    if (i++ == 1)
                    {
                        _ = SignInMapper.FromClaimsIdentity(other);
                    }

                    yield return claim;
                }
            }
        }
    }
}
