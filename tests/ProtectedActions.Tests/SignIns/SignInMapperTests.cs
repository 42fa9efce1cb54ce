using System.Net;
using System.Security.Claims;
using ProtectedActions.SignIns;

namespace ProtectedActions.Tests.SignIns;

public class SignInMapperTests
{
    private const string UserOid = "6f1b2c3d-0000-4000-8000-000000000001";
    private const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    private const string Secret = "SECRET-CLAIM-VALUE";

    private static Dictionary<string, object?> EntraClaims() => new()
    {
        ["oid"] = UserOid,
        ["sub"] = "pairwise-subject",
        ["tid"] = TestTokens.TenantId,
        ["groups"] = new[] { "group-1", "group-2" },
        ["wids"] = new[] { GlobalAdministrator },
        ["amr"] = new[] { "pwd", "mfa" },
        ["auth_time"] = 1_700_000_000L,
        ["acrs"] = new[] { "c1", "c3" },
        ["acr"] = "1",
        ["xms_cc"] = new[] { "cp1" },
        ["deviceid"] = "device-1",
        ["idtyp"] = "user",
        ["acct"] = 0,
    };

    [TestCaseSource(typeof(TestTokens), nameof(TestTokens.Modes))]
    public void Every_claim_maps_the_same_with_and_without_inbound_claim_mapping(Func<string, string?, SignInContext> map)
    {
        var signIn = map(TestTokens.Mint(EntraClaims()), null);

        signIn.UserId.Should().Be(UserOid);
        signIn.TenantId.Should().Be(TestTokens.TenantId);
        signIn.Issuer.Should().Be(TestTokens.EntraIssuer);
        signIn.GroupIds.Should().Equal("group-1", "group-2");
        signIn.RoleIds.Should().Equal(GlobalAdministrator);
        signIn.AuthenticationMethodReferences.Should().Equal("pwd", "mfa");
        signIn.AuthenticationTime.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        signIn.SatisfiedContexts.Should().Equal("c1", "c3");
        signIn.Acr.Should().Be("1");
        signIn.ClientCapabilities.Should().Equal("cp1");
        signIn.Device!.DeviceId.Should().Be("device-1");
        signIn.UserType.Should().Be(UserType.Member);
        signIn.GuestOrExternalUserTypes.Should().Be(GuestOrExternalUserTypes.None);
        signIn.AuthenticationMethods.Should().BeNull("explicit modes come only from a trusted upstream, never from amr");
        signIn.Notes.Should().BeEmpty();
    }

    [TestCaseSource(typeof(TestTokens), nameof(TestTokens.Modes))]
    public void Without_oid_the_subject_is_the_user_id(Func<string, string?, SignInContext> map)
    {
        var claims = EntraClaims();
        claims.Remove("oid");
        map(TestTokens.Mint(claims), null).UserId.Should().Be("pairwise-subject");
    }

    [TestCaseSource(typeof(TestTokens), nameof(TestTokens.Modes))]
    public void Claims_a_token_does_not_carry_are_unknown_not_empty(Func<string, string?, SignInContext> map)
    {
        var signIn = map(TestTokens.Mint(new Dictionary<string, object?> { ["sub"] = "s" }), null);

        signIn.GroupIds.Should().BeNull();
        signIn.RoleIds.Should().BeNull();
        signIn.AuthenticationMethodReferences.Should().BeNull();
        signIn.AuthenticationTime.Should().BeNull();
        signIn.SatisfiedContexts.Should().BeNull();
        signIn.ClientCapabilities.Should().BeNull();
        signIn.Acr.Should().BeNull();
        signIn.Device.Should().BeNull();
        signIn.TenantId.Should().BeNull();
        signIn.Notes.Should().BeEmpty();
    }

    [TestCaseSource(typeof(TestTokens), nameof(TestTokens.Modes))]
    public void A_single_string_amr_is_a_one_entry_list(Func<string, string?, SignInContext> map) =>
        map(TestTokens.Mint(new Dictionary<string, object?> { ["amr"] = "pwd" }), null)
            .AuthenticationMethodReferences.Should().Equal("pwd");

    [TestCaseSource(typeof(TestTokens), nameof(TestTokens.Modes))]
    public void Auth_time_as_a_string_or_with_a_fraction_is_read(Func<string, string?, SignInContext> map)
    {
        map(TestTokens.Mint(new Dictionary<string, object?> { ["auth_time"] = "1700000000" }), null)
            .AuthenticationTime.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        map(TestTokens.Mint(new Dictionary<string, object?> { ["auth_time"] = 1_700_000_000.75 }), null)
            .AuthenticationTime.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
    }

    public static IEnumerable<TestCaseData> MalformedClaims()
    {
        var cases = new (string Name, string Claim, object? Value)[]
        {
            ("auth_time not a number", "auth_time", Secret),
            ("auth_time negative", "auth_time", -5L),
            ("auth_time zero (before 2000)", "auth_time", 0L),
            ("auth_time beyond year 9999", "auth_time", 10_000_000_000_000L),
            ("auth_time a boolean", "auth_time", true),
            ("auth_time an object", "auth_time", new Dictionary<string, object> { ["v"] = Secret }),
            ("amr with a number", "amr", new object[] { "pwd", 5 }),
            ("amr with an object", "amr", new object[] { "pwd", new Dictionary<string, object> { ["x"] = Secret } }),
            ("amr with a null", "amr", new object?[] { "pwd", null }),
            ("amr with a boolean", "amr", new object[] { true }),
            ("groups with numbers", "groups", new object[] { 1, 2 }),
            ("wids with a nested array", "wids", new object[] { new[] { Secret } }),
            ("acrs with a number", "acrs", new object[] { "c1", 2 }),
            ("xms_cc a number", "xms_cc", 1),
            ("tid a number", "tid", 42),
            ("oid a number", "oid", 42),
            ("acr a number", "acr", 1),
            ("oid empty", "oid", ""),
            ("iss-independent: deviceid too long", "deviceid", new string('d', 2049)),
            ("acrs entry too long", "acrs", new[] { new string('c', 2049) }),
            ("acct neither 0 nor 1", "acct", 7),
            ("acrs with 1001 entries", "acrs", Enumerable.Range(0, 1001).Select(i => "c" + i).ToArray()),
        };
        return cases.Select(c => new TestCaseData(c.Claim, c.Value).SetArgDisplayNames(c.Name));
    }

    [TestCaseSource(nameof(MalformedClaims))]
    public void A_malformed_claim_is_absent_and_noted_without_its_value(string claim, object? value)
    {
        var token = TestTokens.Mint(new Dictionary<string, object?> { [claim] = value, ["sub"] = "s" });
        foreach (var (name, map) in TestTokens.MappingModes)
        {
            var signIn = map(token, null);
            var mapped = claim switch
            {
                "auth_time" => (object?)signIn.AuthenticationTime,
                "amr" => signIn.AuthenticationMethodReferences,
                "groups" => signIn.GroupIds,
                "wids" => signIn.RoleIds,
                "acrs" => signIn.SatisfiedContexts,
                "xms_cc" => signIn.ClientCapabilities,
                "tid" => signIn.TenantId,
                "acr" => signIn.Acr,
                "deviceid" => signIn.Device,
                "acct" => signIn.UserType,
                _ => signIn.UserId,
            };
            mapped.Should().BeNull(name);
            signIn.Notes.Should().ContainSingle(name).Which.Should().StartWith(claim + ":", name)
                .And.Contain("treated as absent").And.NotContain(Secret).And.NotContain("ddd").And.NotContain("ccc");
        }
    }

    [Test]
    public void One_hundred_thousand_groups_are_absent_and_noted_not_thrown()
    {
        var groups = Enumerable.Range(0, 100_000).Select(i => "g" + i).ToArray();
        var token = TestTokens.Mint(new Dictionary<string, object?> { ["groups"] = groups, ["amr"] = new[] { "pwd" } });
        foreach (var (name, map) in TestTokens.MappingModes)
        {
            var signIn = map(token, null);
            signIn.GroupIds.Should().BeNull(name);
            signIn.AuthenticationMethodReferences.Should().Equal(["pwd"], name);
            signIn.Notes.Should().ContainSingle(name).Which.Should().Be("groups: has more than 1000 entries; treated as absent");
        }
    }

    [Test]
    public void Exactly_one_thousand_entries_are_accepted()
    {
        var groups = Enumerable.Range(0, SignInClaimReader.MaxArrayEntries).Select(i => "g" + i).ToArray();
        var signIn = SignInMapper.FromClaimsPrincipal(Principal(groups.Select(g => new Claim("groups", g)).ToArray()));
        signIn.GroupIds.Should().HaveCount(1000);
        signIn.Notes.Should().BeEmpty();
    }

    [Test]
    public void Auth_time_bounds_are_2000_and_9999()
    {
        static DateTimeOffset? AuthTime(long seconds) =>
            SignInMapper.FromClaimsPrincipal(Principal(new Claim("auth_time", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer64))).AuthenticationTime;

        AuthTime(SignInClaimReader.MinAuthTime).Should().Be(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero));
        AuthTime(SignInClaimReader.MinAuthTime - 1).Should().BeNull();
        AuthTime(SignInClaimReader.MaxAuthTime).Should().Be(new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero));
        AuthTime(SignInClaimReader.MaxAuthTime + 1).Should().BeNull();
    }

    [TestCase(" 1700000000")]
    [TestCase("+1700000000")]
    [TestCase("1,700,000,000")]
    [TestCase("0x6553F100")]
    [TestCase("NaN")]
    [TestCase("Infinity")]
    [TestCase("")]
    public void Auth_time_text_that_is_not_a_plain_number_is_absent(string text)
    {
        var signIn = SignInMapper.FromClaimsPrincipal(Principal(new Claim("auth_time", text)));
        signIn.AuthenticationTime.Should().BeNull();
        signIn.Notes.Should().ContainSingle().Which.Should().StartWith("auth_time:");
    }

    [Test]
    public void Repeated_claims_and_a_json_array_in_one_claim_both_work()
    {
        SignInMapper.FromClaimsPrincipal(Principal(new Claim("amr", "pwd"), new Claim("amr", "mfa")))
            .AuthenticationMethodReferences.Should().Equal("pwd", "mfa");
        SignInMapper.FromClaimsPrincipal(Principal(new Claim("amr", "[\"pwd\",\"mfa\"]")))
            .AuthenticationMethodReferences.Should().Equal("pwd", "mfa");
        SignInMapper.FromClaimsPrincipal(Principal(new Claim("acrs", "[\"c1\"]")))
            .SatisfiedContexts.Should().Equal("c1");
    }

    [TestCase("[\"pwd\",1]")]
    [TestCase("[\"pwd\"")]
    [TestCase("[[\"pwd\"]]")]
    [TestCase("[\"pwd\"] trailing")]
    public void A_malformed_json_array_claim_is_absent(string json)
    {
        var signIn = SignInMapper.FromClaimsPrincipal(Principal(new Claim("amr", json)));
        signIn.AuthenticationMethodReferences.Should().BeNull();
        signIn.Notes.Should().ContainSingle().Which.Should().StartWith("amr:");
    }

    [Test]
    public void Conflicting_values_of_a_single_valued_claim_make_it_absent()
    {
        var signIn = SignInMapper.FromClaimsPrincipal(Principal(
            new Claim("oid", UserOid), new Claim(TokenClaimTypes.ObjectIdLong, Secret), new Claim("sub", "s")));

        signIn.UserId.Should().BeNull("a dropped oid must not fall back to a different identifier");
        signIn.Notes.Should().Equal("oid: has conflicting values; treated as absent");
    }

    [Test]
    public void The_same_value_in_short_and_long_form_is_not_a_conflict()
    {
        var signIn = SignInMapper.FromClaimsPrincipal(Principal(
            new Claim("tid", TestTokens.TenantId), new Claim(TokenClaimTypes.TenantIdLong, TestTokens.TenantId)));
        signIn.TenantId.Should().Be(TestTokens.TenantId);
        signIn.Notes.Should().BeEmpty();
    }

    [TestCaseSource(typeof(TestTokens), nameof(TestTokens.Modes))]
    public void A_groups_overage_makes_group_membership_unknown(Func<string, string?, SignInContext> map)
    {
        var token = TestTokens.Mint(new Dictionary<string, object?>
        {
            ["_claim_names"] = new Dictionary<string, object> { ["groups"] = "src1" },
            ["_claim_sources"] = new Dictionary<string, object> { ["src1"] = new Dictionary<string, object> { ["endpoint"] = "https://graph.microsoft.com/v1.0/users/x/getMemberObjects" } },
        });
        var signIn = map(token, null);
        signIn.GroupIds.Should().BeNull();
        signIn.Notes.Should().ContainSingle().Which.Should().StartWith("groups: the token signals a groups overage");
    }

    [Test]
    public void Hasgroups_true_is_an_overage_too()
    {
        var signIn = SignInMapper.FromClaimsPrincipal(Principal(new Claim("hasgroups", "true", ClaimValueTypes.Boolean), new Claim("groups", "g")));
        signIn.GroupIds.Should().BeNull();
        signIn.Notes.Should().ContainSingle().Which.Should().StartWith("groups:");
    }

    [Test]
    public void An_oversized_or_repeated_overage_indicator_still_makes_groups_unknown()
    {
        var huge = "{\"groups\":\"src1\",\"pad\":\"" + new string('x', 5000) + "\"}";
        var signIn = SignInMapper.FromClaimsPrincipal(Principal(
            new Claim("_claim_names", huge, "JSON"), new Claim("_claim_names", "{}", "JSON"), new Claim("groups", "g")));
        signIn.GroupIds.Should().BeNull();
        signIn.Notes.Should().ContainSingle().Which.Should().StartWith("groups:");
    }

    [TestCaseSource(typeof(TestTokens), nameof(TestTokens.Modes))]
    public void An_app_only_token_is_noted(Func<string, string?, SignInContext> map) =>
        map(TestTokens.Mint(new Dictionary<string, object?> { ["idtyp"] = "app", ["oid"] = UserOid }), null)
            .Notes.Should().Equal("idtyp: an app-only token; there is no signed-in user");

    // --- guests ---

    public static IEnumerable<TestCaseData> GuestCases()
    {
        var sameTenantV1 = $"https://sts.windows.net/{TestTokens.TenantId}/";
        var otherTenant = $"https://sts.windows.net/{TestTokens.OtherTenantId}/";
        yield return new TestCaseData(null, null, null, GuestOrExternalUserTypes.None).SetArgDisplayNames("Entra token, no markers: unknown");
        yield return new TestCaseData(0, null, UserType.Member, GuestOrExternalUserTypes.None).SetArgDisplayNames("acct 0, no idp: member");
        yield return new TestCaseData(1, null, UserType.Guest, GuestOrExternalUserTypes.InternalGuest).SetArgDisplayNames("acct 1, home idp: internal guest");
        yield return new TestCaseData(0, sameTenantV1, UserType.Member, GuestOrExternalUserTypes.None).SetArgDisplayNames("acct 0, v1 issuer of the same tenant: member");
        yield return new TestCaseData(1, otherTenant, UserType.Guest, GuestOrExternalUserTypes.B2bCollaborationGuest).SetArgDisplayNames("acct 1, other tenant: B2B guest");
        yield return new TestCaseData(0, otherTenant, UserType.Guest, GuestOrExternalUserTypes.B2bCollaborationMember).SetArgDisplayNames("acct 0, other tenant: B2B member");
        yield return new TestCaseData(null, "live.com", UserType.Guest, GuestOrExternalUserTypes.None).SetArgDisplayNames("Microsoft account: guest of unknown kind");
        yield return new TestCaseData(null, "mail", UserType.Guest, GuestOrExternalUserTypes.None).SetArgDisplayNames("e-mail one-time passcode guest");
    }

    [TestCaseSource(nameof(GuestCases))]
    public void Guest_markers(int? acct, string? idp, UserType? userType, GuestOrExternalUserTypes kinds)
    {
        var claims = new Dictionary<string, object?> { ["oid"] = UserOid, ["tid"] = TestTokens.TenantId };
        if (acct is not null)
        {
            claims["acct"] = acct;
        }

        if (idp is not null)
        {
            claims["idp"] = idp;
        }

        var token = TestTokens.Mint(claims);
        foreach (var (name, map) in TestTokens.MappingModes)
        {
            var signIn = map(token, null);
            signIn.UserType.Should().Be(userType, name);
            signIn.GuestOrExternalUserTypes.Should().Be(kinds, name);
        }
    }

    [Test]
    public void A_token_from_another_issuer_without_markers_has_an_unknown_user_type()
    {
        const string issuer = "https://idp.example.com";
        var token = TestTokens.Mint(new Dictionary<string, object?> { ["iss"] = issuer, ["sub"] = "s" });
        foreach (var (name, map) in TestTokens.MappingModes)
        {
            var signIn = map(token, issuer);
            signIn.Issuer.Should().Be(issuer, name);
            signIn.UserType.Should().BeNull(name);
        }
    }

    // --- ClaimsPrincipal specifics ---

    [Test]
    public void The_issuer_comes_from_the_validated_claims_when_there_is_no_iss_claim()
    {
        var identity = new ClaimsIdentity([new Claim("oid", UserOid, ClaimValueTypes.String, "https://issuer.example/")], "Bearer");
        SignInMapper.FromClaimsPrincipal(new ClaimsPrincipal(identity)).Issuer.Should().Be("https://issuer.example/");

        var local = new ClaimsIdentity([new Claim("oid", UserOid)], "Bearer");
        SignInMapper.FromClaimsPrincipal(new ClaimsPrincipal(local)).Issuer.Should().BeNull("LOCAL AUTHORITY is not an issuer");
    }

    [Test]
    public void Claims_from_every_identity_of_the_principal_are_read()
    {
        var principal = new ClaimsPrincipal([
            new ClaimsIdentity([new Claim("oid", UserOid)], "Bearer"),
            new ClaimsIdentity([new Claim("amr", "pwd")], "Other"),
        ]);
        var signIn = SignInMapper.FromClaimsPrincipal(principal);
        signIn.UserId.Should().Be(UserOid);
        signIn.AuthenticationMethodReferences.Should().Equal("pwd");
    }

    [Test]
    public void The_ip_address_is_passed_through()
    {
        var ip = IPAddress.Parse("203.0.113.7");
        SignInMapper.FromClaimsPrincipal(new ClaimsPrincipal(), ip).IpAddress.Should().Be(ip);
        SignInMapper.FromJsonWebToken(TestTokens.ValidateJsonWebToken(TestTokens.Mint(new Dictionary<string, object?>())), ip).IpAddress.Should().Be(ip);
    }

    [Test]
    public void A_principal_whose_claims_throw_maps_to_nothing_known()
    {
        var signIn = SignInMapper.FromClaimsPrincipal(new ThrowingPrincipal());
        signIn.UserId.Should().BeNull();
        signIn.AuthenticationMethodReferences.Should().BeNull();
        signIn.Notes.Should().ContainSingle().Which.Should().StartWith("claims:");
    }

    [Test]
    public void Null_arguments_throw_argument_null()
    {
        FluentActions.Invoking(() => SignInMapper.FromClaimsPrincipal(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => SignInMapper.FromJsonWebToken(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => SignInMapper.FromJwtSecurityToken(null!)).Should().Throw<ArgumentNullException>();
    }

    [Test]
    public void The_context_prints_no_claim_values() =>
        SignInMapper.FromClaimsPrincipal(Principal(new Claim("oid", Secret))).ToString().Should().NotContain(Secret);

    // Property-style: random claim soup never throws and never leaks a value into the notes.
    [Test]
    public void Random_claims_never_throw_and_never_leak_values([Values(11, 22, 33, 44)] int seed)
    {
        var random = new Random(seed);
        string[] types = ["oid", "sub", "tid", "iss", "groups", "wids", "amr", "auth_time", "acrs", "acr", "xms_cc", "deviceid",
            "idtyp", "acct", "idp", "_claim_names", "hasgroups", TokenClaimTypes.AuthenticationMethodsLong, TokenClaimTypes.IdentityProviderLong, "other"];
        string[] valueTypes = [ClaimValueTypes.String, ClaimValueTypes.Integer64, ClaimValueTypes.Boolean, ClaimValueTypes.Double, "JSON", "JSON_ARRAY", "JSON_NULL"];
        string[] values = [Secret + "1", "[\"" + Secret + "2\"]", "[" + Secret + "3", "1700000000", "-1", "1e400", "", "[1,2]", "{\"groups\":1}", "0", "1", "https://sts.windows.net/" + TestTokens.OtherTenantId + "/"];
        for (var i = 0; i < 500; i++)
        {
            var claims = Enumerable.Range(0, random.Next(0, 12)).Select(_ =>
                new Claim(types[random.Next(types.Length)], values[random.Next(values.Length)], valueTypes[random.Next(valueTypes.Length)])).ToArray();
            var signIn = SignInMapper.FromClaimsPrincipal(Principal(claims));
            signIn.Notes.Should().NotContain(n => n.Contains(Secret));
            signIn.AuthenticationMethodReferences?.Should().NotContainNulls();
        }
    }

    private static ClaimsPrincipal Principal(params Claim[] claims) => new(new ClaimsIdentity(claims, "Bearer"));

    private sealed class ThrowingPrincipal : ClaimsPrincipal
    {
        public override IEnumerable<Claim> Claims => throw new InvalidOperationException(Secret);
    }
}
