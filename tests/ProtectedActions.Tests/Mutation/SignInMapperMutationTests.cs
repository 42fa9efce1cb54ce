using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ProtectedActions.Tests.Mutation;

/// <summary>The mapper's entry points: what an unauthenticated identity gives, and the arguments it refuses.</summary>
public class SignInMapperMutationTests
{
    [Test]
    public void Attacker_with_an_unauthenticated_identity_gets_no_claim_read_but_keeps_the_address()
    {
        var address = IPAddress.Parse("203.0.113.5");
        var identity = new ClaimsIdentity([new Claim("oid", "11111111-1111-1111-1111-111111111111"), new Claim("amr", "fido"), new Claim("acrs", "c1")]);

        var signIn = SignInMapper.FromClaimsIdentity(identity, address);

        signIn.UserId.Should().BeNull();
        signIn.AuthenticationMethodReferences.Should().BeNull();
        signIn.SatisfiedContexts.Should().BeNull();
        signIn.IpAddress.Should().BeSameAs(address);
        signIn.Notes.Should().Equal("identity: not authenticated; no claim is read");
    }

    [Test]
    public void An_authenticated_identity_is_read_with_its_address()
    {
        var address = IPAddress.Parse("2001:db8::5");
        var identity = new ClaimsIdentity([new Claim("oid", "11111111-1111-1111-1111-111111111111")], "Bearer");

        var signIn = SignInMapper.FromClaimsIdentity(identity, address);

        signIn.UserId.Should().Be("11111111-1111-1111-1111-111111111111");
        signIn.IpAddress.Should().BeSameAs(address);
    }

    [Test]
    public void Null_arguments_are_programmer_errors()
    {
        ((Action)(() => SignInMapper.FromClaimsPrincipal(null!))).Should().Throw<ArgumentNullException>().WithParameterName("principal");
        ((Action)(() => SignInMapper.FromClaimsIdentity(null!))).Should().Throw<ArgumentNullException>().WithParameterName("identity");
        ((Action)(() => SignInMapper.FromJsonWebToken(null!))).Should().Throw<ArgumentNullException>().WithParameterName("token");
        ((Action)(() => SignInMapper.FromJwtSecurityToken(null!))).Should().Throw<ArgumentNullException>().WithParameterName("token");
    }

    [Test]
    public void Both_token_types_give_the_same_sign_in()
    {
        const string oid = "11111111-1111-1111-1111-111111111111";
        var handler = new JwtSecurityTokenHandler();
        var raw = handler.WriteToken(new JwtSecurityToken(claims: [new Claim("oid", oid), new Claim("amr", "pwd")]));

        var fromJwt = SignInMapper.FromJwtSecurityToken(handler.ReadJwtToken(raw));
        var fromJson = SignInMapper.FromJsonWebToken(new JsonWebToken(raw));

        fromJwt.UserId.Should().Be(oid);
        fromJson.UserId.Should().Be(oid);
        fromJson.AuthenticationMethodReferences.Should().Equal(fromJwt.AuthenticationMethodReferences);
    }
}
