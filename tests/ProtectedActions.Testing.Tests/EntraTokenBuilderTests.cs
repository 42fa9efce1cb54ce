using System.IdentityModel.Tokens.Jwt;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ProtectedActions.Testing.Tests;

public sealed class EntraTokenBuilderTests
{
    private static readonly DateTimeOffset AuthTime = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private static EntraTokenBuilder RichToken() => EntraTokenBuilder.ForUser("alice-oid")
        .InGroups("g1", "g2")
        .WithRoles("62e90394-69f5-4237-9190-012177145e10")
        .WithFido2()
        .AuthenticatedAt(AuthTime)
        .WithSatisfiedContexts("c1", "c7")
        .WithAcr("1")
        .WithClientCapability("cp1")
        .FromDevice("device-1");

    private static async Task<TokenValidationResult> Validate(string jwt, TokenValidationParameters parameters) =>
        await new JsonWebTokenHandler().ValidateTokenAsync(jwt, parameters);

    [Test]
    public async Task Jwt_validates_with_the_builders_parameters_and_has_Entra_claim_shapes()
    {
        var builder = RichToken();
        var result = await Validate(builder.BuildJwt(), builder.CreateValidationParameters());

        result.IsValid.Should().BeTrue(result.Exception?.Message);
        var token = (JsonWebToken)result.SecurityToken;
        token.Alg.Should().Be("RS256");
        token.Kid.Should().Be(EntraTokenBuilder.SigningKeyId);
        token.Issuer.Should().Be(TestIdentities.Issuer);
        token.Audiences.Should().Equal(TestIdentities.Audience);
        token.GetPayloadValue<string>("oid").Should().Be("alice-oid");
        token.GetPayloadValue<string>("tid").Should().Be(TestIdentities.TenantId);
        token.GetPayloadValue<string>("idtyp").Should().Be("user");
        token.GetPayloadValue<string[]>("groups").Should().Equal("g1", "g2");
        token.GetPayloadValue<string[]>("wids").Should().Equal("62e90394-69f5-4237-9190-012177145e10");
        token.GetPayloadValue<string[]>("amr").Should().Equal("fido", "mfa");
        token.GetPayloadValue<string[]>("acrs").Should().Equal("c1", "c7");
        token.GetPayloadValue<string[]>("xms_cc").Should().Equal("cp1");
        token.GetPayloadValue<long>("auth_time").Should().Be(AuthTime.ToUnixTimeSeconds());
        token.GetPayloadValue<string>("acr").Should().Be("1");
        token.GetPayloadValue<string>("deviceid").Should().Be("device-1");
        token.GetPayloadValue<int>("acct").Should().Be(0);
    }

    [Test]
    public void Default_token_has_password_amr_and_no_groups_claim()
    {
        var token = new JsonWebToken(new EntraTokenBuilder().BuildJwt());

        token.GetPayloadValue<string[]>("amr").Should().Equal("pwd");
        token.TryGetPayloadValue<object>("groups", out _).Should().BeFalse();
        token.TryGetPayloadValue<object>("auth_time", out _).Should().BeFalse();
    }

    [Test]
    public void InTenant_moves_the_issuer_unless_one_was_given()
    {
        new EntraTokenBuilder().InTenant("t2").Issuer.Should().Be("https://login.microsoftonline.com/t2/v2.0");
        new EntraTokenBuilder().WithIssuer("https://sts.windows.net/t2/").InTenant("t3").Issuer.Should().Be("https://sts.windows.net/t2/");
    }

    [Test]
    public async Task Jwt_signed_with_other_credentials_validates_only_with_that_key()
    {
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("a-test-only-hmac-key-that-is-long-enough-1234"));
        var builder = new EntraTokenBuilder();
        var jwt = builder.BuildJwt(new SigningCredentials(key, SecurityAlgorithms.HmacSha256));

        var withDefault = await Validate(jwt, builder.CreateValidationParameters());
        var parameters = builder.CreateValidationParameters();
        parameters.IssuerSigningKey = key;
        var withOwn = await Validate(jwt, parameters);

        withDefault.IsValid.Should().BeFalse();
        withOwn.IsValid.Should().BeTrue();
    }

    [Test]
    public async Task IssuedAt_sets_the_lifetime_the_validator_checks()
    {
        var issued = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var builder = new EntraTokenBuilder().IssuedAt(issued, TimeSpan.FromMinutes(10));
        var jwt = builder.BuildJwt();

        var token = new JsonWebToken(jwt);
        token.ValidFrom.Should().Be(issued.UtcDateTime);
        token.ValidTo.Should().Be(issued.AddMinutes(10).UtcDateTime);
        (await Validate(jwt, builder.CreateValidationParameters())).IsValid.Should().BeFalse("the token expired in 2020");
    }

    [Test]
    public void IssuedAt_rejects_a_lifetime_that_is_not_positive()
    {
        var act = () => new EntraTokenBuilder().IssuedAt(DateTimeOffset.UnixEpoch, TimeSpan.Zero);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void Principal_has_short_claim_names_repeated_multi_valued_claims_and_the_issuer_on_every_claim()
    {
        var principal = RichToken().BuildPrincipal();

        principal.Identity!.IsAuthenticated.Should().BeTrue();
        principal.FindAll("groups").Select(c => c.Value).Should().Equal("g1", "g2");
        principal.FindAll("amr").Select(c => c.Value).Should().Equal("fido", "mfa");
        principal.FindAll("acrs").Select(c => c.Value).Should().Equal("c1", "c7");
        principal.FindFirst("oid")!.Value.Should().Be("alice-oid");
        principal.FindFirst("auth_time")!.Value.Should().Be(AuthTime.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        principal.Claims.Should().OnlyContain(c => c.Issuer == TestIdentities.Issuer);
    }

    [Test]
    public void Principal_with_inbound_mapping_has_long_claim_names()
    {
        var principal = RichToken().BuildPrincipal(mapInboundClaims: true);

        principal.FindAll("http://schemas.microsoft.com/claims/authnmethodsreferences").Select(c => c.Value).Should().Equal("fido", "mfa");
        principal.FindFirst("http://schemas.microsoft.com/identity/claims/objectidentifier")!.Value.Should().Be("alice-oid");
        principal.FindFirst("amr").Should().BeNull();
    }

    [Test]
    public void WithClaim_adds_or_replaces_a_payload_claim()
    {
        var token = new JsonWebToken(new EntraTokenBuilder().WithClaim("amr", "pwd").WithClaim("custom", 42).BuildJwt());

        token.GetPayloadValue<string>("amr").Should().Be("pwd");
        token.GetPayloadValue<int>("custom").Should().Be(42);
    }

    [Test]
    public void AuthenticatedAgo_counts_back_from_the_given_clock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var token = new JsonWebToken(new EntraTokenBuilder().AuthenticatedAgo(TimeSpan.FromHours(2), time).BuildJwt());

        token.GetPayloadValue<long>("auth_time").Should().Be(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds());
    }

    // ---- round trip through the library's own mapper ----

    private static readonly (string Name, Func<EntraTokenBuilder, SignInContext> Map)[] HostModes =
    [
        ("principal, short claim names", t => SignInMapper.FromClaimsPrincipal(t.BuildPrincipal())),
        ("principal, mapped claim names", t => SignInMapper.FromClaimsPrincipal(t.BuildPrincipal(mapInboundClaims: true))),
        ("JsonWebToken", t => SignInMapper.FromJsonWebToken(new JsonWebToken(t.BuildJwt()))),
        ("JwtSecurityToken", t => SignInMapper.FromJwtSecurityToken(new JwtSecurityToken(t.BuildJwt()))),
    ];

    private static IEnumerable<TestCaseData> Modes() => HostModes.Select(m => new TestCaseData(m.Map).SetArgDisplayNames(m.Name));

    private static void ShouldMatch(SignInContext mapped, SignInContext expected)
    {
        mapped.Notes.Should().BeEmpty();
        mapped.Should().BeEquivalentTo(expected, o => o.Excluding(s => s.Notes).Excluding(s => s.Device).Excluding(s => s.ClientAppType));
        mapped.Device?.DeviceId.Should().Be(expected.Device?.DeviceId);
        mapped.ClientAppType.Should().Be(ClientAppType.ModernAuthentication, "whoever presents a token uses modern authentication");
    }

    [TestCaseSource(nameof(Modes))]
    public void Rich_token_maps_to_the_same_sign_in_the_sign_in_builder_describes(Func<EntraTokenBuilder, SignInContext> map)
    {
        var expected = SignInBuilder.ForUser("alice-oid")
            .InGroups("g1", "g2")
            .WithRoles("62e90394-69f5-4237-9190-012177145e10")
            .WithFido2()
            .AuthenticatedAt(AuthTime)
            .WithSatisfiedContexts("c1", "c7")
            .WithAcr("1")
            .WithClientCapability("cp1")
            .FromDevice(new DeviceProperties { DeviceId = "device-1" })
            .Build();

        ShouldMatch(map(RichToken()), expected);
    }

    [TestCaseSource(nameof(Modes))]
    public void Default_token_maps_to_the_default_sign_in_except_that_groups_and_roles_are_unknown(Func<EntraTokenBuilder, SignInContext> map)
    {
        var expected = new SignInBuilder().WithUnknownGroups().WithUnknownRoles().Build();

        ShouldMatch(map(new EntraTokenBuilder()), expected);
    }

    [TestCaseSource(nameof(Modes))]
    public void Guests_map_to_the_guest_kinds_the_sign_in_builder_names(Func<EntraTokenBuilder, SignInContext> map)
    {
        var home = "0b4c9e2a-7d1f-4e3b-a5c6-d7e8f9a0b1c2";
        map(new EntraTokenBuilder().AsGuest(home)).Should().BeEquivalentTo(
            new SignInBuilder().AsGuest(GuestOrExternalUserTypes.B2bCollaborationGuest).Build(),
            o => o.Including(s => s.UserType).Including(s => s.GuestOrExternalUserTypes));
        map(new EntraTokenBuilder().AsGuest()).Should().BeEquivalentTo(
            new SignInBuilder().AsGuest(GuestOrExternalUserTypes.InternalGuest).Build(),
            o => o.Including(s => s.UserType).Including(s => s.GuestOrExternalUserTypes));
        map(new EntraTokenBuilder().AsGuest(home).WithUnknownUserType()).UserType.Should().BeNull();
    }

    [TestCaseSource(nameof(Modes))]
    public void App_only_token_is_noted(Func<EntraTokenBuilder, SignInContext> map)
    {
        map(new EntraTokenBuilder().AsApplication()).Notes.Should().ContainSingle(n => n.StartsWith("idtyp:", StringComparison.Ordinal));
    }

    [TestCaseSource(nameof(Modes))]
    public void A_malformed_claim_written_with_WithClaim_is_treated_as_absent(Func<EntraTokenBuilder, SignInContext> map)
    {
        var signIn = map(new EntraTokenBuilder().AuthenticatedAt(AuthTime).WithClaim("auth_time", "yesterday"));

        signIn.AuthenticationTime.Should().BeNull();
        signIn.Notes.Should().ContainSingle(n => n.StartsWith("auth_time:", StringComparison.Ordinal));
    }
}
