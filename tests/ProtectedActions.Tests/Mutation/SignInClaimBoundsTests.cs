using System.Security.Claims;
using System.Text;

namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// What the claims mapping accepts and drops, read through <see cref="SignInMapper"/> only: claim types that are
/// not read, the bounds on JSON arrays and overage indicators, auth_time's bounds, claims of an unauthenticated
/// subject, a claims source that throws, and the exact notes a policy author or operator reads (they name the
/// claim and the problem, never the value).
/// </summary>
public class SignInClaimBoundsTests
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const int MaxJsonLength = 256 * 1024;

    private static SignInContext Map(params Claim[] claims) => SignInMapper.FromClaimsIdentity(new ClaimsIdentity(claims, "Bearer"));

    // The parts of a sign-in a near-miss claim type could change if it were read.
    private static string Describe(SignInContext s) => string.Join(" | ",
        s.UserId, s.TenantId, s.Issuer, s.Acr, s.UserType, s.GuestOrExternalUserTypes, s.Device is null ? "no device" : "device",
        s.GroupIds is null ? "groups unknown" : string.Join(",", s.GroupIds), string.Join(" / ", s.Notes));

    [TestCase("oiX", "attacker")]                                     // oid
    [TestCase("suX", "attacker")]                                     // sub
    [TestCase("tiX", Tenant)]                                         // tid
    [TestCase("isX", "https://evil.example/")]                        // iss
    [TestCase("idX", "https://accounts.google.com")]                  // idp
    [TestCase("acX", "urn:loa:high")]                                 // acr
    [TestCase("ityp_", "app")]                                        // idtyp (five characters)
    [TestCase("idtyP", "app")]
    [TestCase("deviceiX", "00000000-0000-0000-0000-000000000001")]    // deviceid (eight characters)
    [TestCase("devices1", "00000000-0000-0000-0000-000000000001")]
    [TestCase("xxxxxxxx", "00000000-0000-0000-0000-000000000001")]
    [TestCase("_claim_nameX", "{\"groups\":\"src1\"}")]               // _claim_names (twelve characters)
    [TestCase("xclaim_names", "{\"groups\":\"src1\"}")]
    [TestCase("_claim_sourceX", "{\"src1\":{\"endpoint\":\"https://graph.example/\"}}")] // _claim_sources (fourteen)
    [TestCase("x_claim_source", "{\"src1\":{\"endpoint\":\"https://graph.example/\"}}")]
    [TestCase("xxxxx", "app")]
    public void A_claim_type_that_differs_from_a_read_claim_is_ignored(string type, string value)
    {
        Claim[] baseline = [new("acct", "0"), new("groups", "g1")];

        var signIn = Map([.. baseline, new Claim(type, value)]);

        Describe(signIn).Should().Be(Describe(Map(baseline)));
        signIn.UserType.Should().Be(UserType.Member);
        signIn.GroupIds.Should().Equal("g1");
        signIn.Notes.Should().BeEmpty();
    }

    // A JSON array of group ids of exactly `length` characters, entries of at most 2000 characters.
    private static string JsonArrayOfLength(int length)
    {
        var json = new StringBuilder("[");
        while (true)
        {
            var separator = json.Length > 1 ? 1 : 0;
            var room = length - json.Length - separator - 3; // quotes and the closing bracket
            if (room <= 2000)
            {
                json.Append(separator == 1 ? "," : "").Append('"').Append('g', room).Append("\"]");
                break;
            }

            json.Append(separator == 1 ? "," : "").Append('"').Append('g', 2000).Append('"');
        }

        return json.ToString();
    }

    [Test]
    public void A_groups_json_array_of_the_maximum_length_is_read_and_one_character_more_is_dropped_with_a_note()
    {
        var longest = JsonArrayOfLength(MaxJsonLength);
        longest.Length.Should().Be(MaxJsonLength);

        var read = Map(new Claim("groups", longest));
        read.GroupIds.Should().NotBeNull();
        read.GroupIds!.Sum(g => g.Length + 3).Should().Be(MaxJsonLength - 1, "every entry is read, none lost (brackets, quotes and commas make up the rest)");
        read.Notes.Should().BeEmpty();

        var dropped = Map(new Claim("groups", JsonArrayOfLength(MaxJsonLength + 1)));
        dropped.GroupIds.Should().BeNull();
        dropped.Notes.Should().Equal("groups: is a JSON array longer than 262144 characters; treated as absent");
    }

    [Test]
    public void A_null_entry_in_a_json_array_drops_the_whole_claim()
    {
        var signIn = Map(new Claim("groups", "[\"g1\", null, \"g2\"]"));

        signIn.GroupIds.Should().BeNull();
        signIn.Notes.Should().Equal("groups: has an entry that is not a string; treated as absent");
    }

    [Test]
    public void An_oversized_entry_in_a_json_array_drops_the_whole_claim_including_later_entries()
    {
        var signIn = Map(new Claim("wids", $"[\"r1\", \"{new string('r', 2049)}\", \"r2\", \"r3\"]"));

        signIn.RoleIds.Should().BeNull();
        signIn.Notes.Should().Equal("wids: has an entry longer than 2048 characters; treated as absent");
    }

    [Test]
    public void A_json_array_entry_that_is_not_valid_text_drops_the_claim()
    {
        // A lone surrogate escape is valid JSON syntax but not a readable string.
        var signIn = Map(new Claim("amr", "[\"pwd\", \"\\uD800\"]"));

        signIn.AuthenticationMethodReferences.Should().BeNull();
        signIn.Notes.Should().Equal("amr: is not a JSON array of strings; treated as absent");
    }

    // A _claim_names object of exactly `length` characters that names only roles, never groups.
    private static string ClaimNamesOfLength(int length)
    {
        const string head = "{\"wids\":\"src1\",\"pad\":\"";
        const string tail = "\"}";
        return head + new string('p', length - head.Length - tail.Length) + tail;
    }

    [Test]
    public void A_claim_names_object_of_the_maximum_length_is_read_and_a_longer_one_signals_an_overage()
    {
        var longest = ClaimNamesOfLength(MaxJsonLength);
        longest.Length.Should().Be(MaxJsonLength);

        var read = Map(new Claim("groups", "g1"), new Claim("_claim_names", longest));
        read.GroupIds.Should().Equal("g1");
        read.Notes.Should().BeEmpty();

        var unreadable = Map(new Claim("groups", "g1"), new Claim("_claim_names", ClaimNamesOfLength(MaxJsonLength + 1)));
        unreadable.GroupIds.Should().BeNull();
        unreadable.Notes.Should().Equal(
            "groups: the token signals a groups overage (membership is elsewhere); group membership is treated as unknown");
    }

    [Test]
    public void A_claim_names_object_nested_deeper_than_eight_levels_is_unreadable_and_signals_an_overage()
    {
        var shallow = "{\"wids\":" + string.Concat(Enumerable.Repeat("{\"a\":", 6)) + "1" + new string('}', 7);
        var deep = "{\"wids\":" + string.Concat(Enumerable.Repeat("{\"a\":", 12)) + "1" + new string('}', 13);

        Map(new Claim("groups", "g1"), new Claim("_claim_names", shallow)).GroupIds.Should().Equal("g1");

        var signIn = Map(new Claim("groups", "g1"), new Claim("_claim_names", deep));
        signIn.GroupIds.Should().BeNull();
        signIn.Notes.Should().Equal(
            "groups: the token signals a groups overage (membership is elsewhere); group membership is treated as unknown");
    }

    [Test]
    public void An_auth_time_of_32_characters_is_read_and_one_of_33_is_not()
    {
        var padded = "1700000000".PadLeft(32, '0');

        var read = Map(new Claim("auth_time", padded));
        read.AuthenticationTime.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        read.Notes.Should().BeEmpty();

        var tooLong = Map(new Claim("auth_time", "0" + padded));
        tooLong.AuthenticationTime.Should().BeNull();
        tooLong.Notes.Should().Equal("auth_time: not a non-negative number of seconds since 1970; treated as absent");
    }

    [TestCase("0.0", "auth_time: before 2000-01-01 or after 9999-12-31; treated as absent")]
    [TestCase("1e15", "auth_time: not a non-negative number of seconds since 1970; treated as absent")]
    [TestCase("9.99e14", "auth_time: before 2000-01-01 or after 9999-12-31; treated as absent")]
    [TestCase("-1.5", "auth_time: not a non-negative number of seconds since 1970; treated as absent")]
    public void An_auth_time_out_of_range_is_dropped_with_the_note_for_its_problem(string value, string note)
    {
        var signIn = Map(new Claim("auth_time", value));

        signIn.AuthenticationTime.Should().BeNull();
        signIn.Notes.Should().Equal(note);
    }

    [Test]
    public void An_auth_time_with_a_fraction_is_read_to_the_second()
    {
        Map(new Claim("auth_time", "1700000000.75")).AuthenticationTime.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
    }

    /// <summary>An authenticated identity whose claims belong to another, unauthenticated identity.</summary>
    private sealed class ForeignClaimsIdentity(IEnumerable<Claim> claims) : ClaimsIdentity("Bearer")
    {
        public override IEnumerable<Claim> Claims => claims;
    }

    [Test]
    public void Claims_whose_subject_is_an_unauthenticated_identity_are_not_read_even_inside_an_authenticated_one()
    {
        var stranger = new ClaimsIdentity();
        Claim Foreign(string type, string value) => new(type, value, ClaimValueTypes.String, "https://evil.example/", "https://evil.example/", stranger);
        var carrier = new ForeignClaimsIdentity([Foreign("oid", "attacker"), Foreign("amr", "fido"), Foreign("acrs", "c1")]);

        var signIn = SignInMapper.FromClaimsPrincipal(new ClaimsPrincipal(carrier));

        carrier.IsAuthenticated.Should().BeTrue();
        signIn.UserId.Should().BeNull();
        signIn.AuthenticationMethodReferences.Should().BeNull();
        signIn.SatisfiedContexts.Should().BeNull();
    }

    /// <summary>An authenticated identity whose claims cannot be enumerated.</summary>
    private sealed class ThrowingClaimsIdentity : ClaimsIdentity
    {
        public ThrowingClaimsIdentity() : base("Bearer")
        {
        }

        public override IEnumerable<Claim> Claims => throw new InvalidOperationException("claims store is down");
    }

    [Test]
    public void An_identity_whose_claims_cannot_be_read_gives_a_sign_in_with_no_claims_and_says_so()
    {
        var address = System.Net.IPAddress.Parse("203.0.113.9");

        var signIn = SignInMapper.FromClaimsIdentity(new ThrowingClaimsIdentity(), address);

        signIn.UserId.Should().BeNull();
        signIn.AuthenticationMethodReferences.Should().BeNull();
        signIn.IpAddress.Should().BeSameAs(address);
        signIn.Notes.Should().Equal("claims: the claims could not be read; every claim is treated as absent");
    }

    [Test]
    public void A_sign_in_never_shows_its_claim_values_as_text()
    {
        var signIn = Map(new Claim("oid", "11111111-1111-1111-1111-111111111111"), new Claim("tid", Tenant));

        signIn.ToString().Should().Be("SignInContext (claim values not shown)");
        signIn.ToString().Should().NotContain(Tenant);
    }
}
