using System.Text;
using ProtectedActions.Challenges;

namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// The exact header values the challenge writer produces and the character classes that guard them: a header is
/// what a client (MSAL) parses, and a control character in one is a header-injection risk.
/// </summary>
public class ChallengeTextMutationTests
{
    [Test]
    public void The_claims_request_asks_for_the_context_as_an_essential_acrs_value() =>
        ChallengeWriter.ClaimsJson("c7").Should().Be("{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c7\"}}}");

    [Test]
    public void The_entra_challenge_has_realm_authorization_uri_error_and_base64_claims_in_that_order()
    {
        var claims = ChallengeWriter.ClaimsJson("c1");

        ChallengeWriter.Entra("", "https://login.microsoftonline.com/common/oauth2/v2.0/authorize", claims).Should().Be(
            "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/v2.0/authorize\", "
            + "error=\"insufficient_claims\", claims=\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(claims)) + "\"");
    }

    [Test]
    public void The_rfc9470_challenge_with_acr_values_and_max_age() =>
        ChallengeWriter.Rfc9470("A different authentication level is required.", "c1", 3600).Should().Be(
            "Bearer error=\"insufficient_user_authentication\", error_description=\"A different authentication level is required.\", "
            + "acr_values=\"c1\", max_age=\"3600\"");

    [Test]
    public void The_rfc9470_challenge_leaves_out_what_it_does_not_have()
    {
        ChallengeWriter.Rfc9470("step up", null, null).Should().Be("Bearer error=\"insufficient_user_authentication\", error_description=\"step up\"");
        ChallengeWriter.Rfc9470("step up", null, 0).Should().Be("Bearer error=\"insufficient_user_authentication\", error_description=\"step up\", max_age=\"0\"");
        ChallengeWriter.Rfc9470("step up", "c2", null).Should().Be("Bearer error=\"insufficient_user_authentication\", error_description=\"step up\", acr_values=\"c2\"");
    }

    [Test]
    public void Quotes_and_backslashes_are_escaped_in_a_quoted_parameter() =>
        new StringBuilder().AppendQuotedParameter("error_description", "say \"hi\" \\ bye").ToString()
            .Should().Be("error_description=\"say \\\"hi\\\" \\\\ bye\"");

    [TestCase("line\r\nX-Injected: 1")]
    [TestCase("tab\t")]
    [TestCase("del\u007f")]
    [TestCase("caf\u00e9")]
    public void Attacker_cannot_put_a_control_or_non_ascii_character_into_a_challenge(string value)
    {
        var act = () => new StringBuilder().AppendQuotedParameter("realm", value);
        act.Should().Throw<InvalidOperationException>().WithMessage("A challenge parameter contains a character that cannot appear in an HTTP header.");

        var entra = () => ChallengeWriter.Entra(value, "https://login.example/authorize", "{}");
        entra.Should().Throw<InvalidOperationException>();
    }

    [Test]
    public void Printable_ascii_from_space_to_tilde_is_accepted_and_nothing_outside()
    {
        for (var c = (char)0; c < 0x100; c++)
        {
            var printable = c is >= ' ' and <= '~';
            HeaderText.IsPrintableAscii(c.ToString()).Should().Be(printable, "U+{0:X4}", (int)c);
            HeaderText.IsSafeHeaderValue("a" + c + "b").Should().Be(printable, "U+{0:X4}", (int)c);
            HeaderText.IsBearerErrorText(c.ToString()).Should().Be(printable && c is not '"' and not '\\', "U+{0:X4}", (int)c);
        }

        HeaderText.IsPrintableAscii("").Should().BeTrue();
        HeaderText.IsBearerErrorText("").Should().BeTrue();
    }

    [Test]
    public void Token_characters_are_exactly_those_of_rfc_9110()
    {
        const string extra = "!#$%&'*+-.^_`|~";
        for (var c = (char)0; c < 0x80; c++)
        {
            var expected = char.IsAsciiLetterOrDigit(c) || extra.Contains(c, StringComparison.Ordinal);
            HeaderText.IsTokenChar(c).Should().Be(expected, "'{0}' (U+{1:X4})", c, (int)c);
        }

        HeaderText.IsTokenChar('\u00e9').Should().BeFalse();
    }

    [Test]
    public void Token68_characters_are_exactly_those_of_rfc_9110()
    {
        const string extra = "-._~+/";
        for (var c = (char)0; c < 0x80; c++)
        {
            var expected = char.IsAsciiLetterOrDigit(c) || extra.Contains(c, StringComparison.Ordinal);
            HeaderText.IsToken68Char(c).Should().Be(expected, "'{0}' (U+{1:X4})", c, (int)c);
        }
    }
}
