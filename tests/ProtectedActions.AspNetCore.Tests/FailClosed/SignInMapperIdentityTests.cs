using System.Net;
using System.Security.Claims;

namespace ProtectedActions.AspNetCore.Tests.FailClosed;

/// <summary>SignInMapper.FromClaimsIdentity and the authenticated-only FromClaimsPrincipal.</summary>
public sealed class SignInMapperIdentityTests
{
    private static readonly IPAddress Ip = IPAddress.Parse("203.0.113.7");

    [Test]
    public void FromClaimsIdentity_maps_only_that_identity()
    {
        var signIn = SignInMapper.FromClaimsIdentity(new ClaimsIdentity([new Claim("oid", "u1"), new Claim("amr", "pwd")], "Bearer"), Ip);
        signIn.UserId.Should().Be("u1");
        signIn.AuthenticationMethodReferences.Should().Equal("pwd");
        signIn.IpAddress.Should().Be(Ip);
    }

    [Test]
    public void FromClaimsIdentity_of_an_unauthenticated_identity_reads_no_claim()
    {
        var signIn = SignInMapper.FromClaimsIdentity(new ClaimsIdentity([new Claim("acrs", "c1"), new Claim("amr", "fido")]), Ip);
        signIn.SatisfiedContexts.Should().BeNull();
        signIn.AuthenticationMethodReferences.Should().BeNull();
        signIn.IpAddress.Should().Be(Ip);
        signIn.Notes.Should().ContainSingle().Which.Should().StartWith("identity:");
    }

    [Test]
    public void FromClaimsPrincipal_ignores_unauthenticated_identities()
    {
        var principal = new ClaimsPrincipal([
            new ClaimsIdentity([new Claim("oid", "u1"), new Claim("amr", "pwd")], "Bearer"),
            new ClaimsIdentity([new Claim("acrs", "c1"), new Claim("amr", "fido")]),
        ]);
        var signIn = SignInMapper.FromClaimsPrincipal(principal);
        signIn.AuthenticationMethodReferences.Should().Equal("pwd");
        signIn.SatisfiedContexts.Should().BeNull();
    }

    [Test]
    public void Null_identity_throws() =>
        FluentActions.Invoking(() => SignInMapper.FromClaimsIdentity(null!)).Should().Throw<ArgumentNullException>();
}
