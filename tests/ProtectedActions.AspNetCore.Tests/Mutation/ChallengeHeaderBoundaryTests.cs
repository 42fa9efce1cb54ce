namespace ProtectedActions.AspNetCore.Tests.Mutation;

/// <summary>
/// The edges of the last check before a challenge reaches a header: the length bound, the first and last
/// visible characters, escapes inside quoted strings (an escaped control character is still a control
/// character) and a backslash outside them.
/// </summary>
public sealed class ChallengeHeaderBoundaryTests
{
    private static string OfLength(int length) => "Bearer claims=\"" + new string('a', length - 16) + "\"";

    [Test]
    public void A_challenge_of_exactly_the_maximum_length_is_sent_and_one_more_character_is_not()
    {
        OfLength(ChallengeHeaderValidator.MaxLength).Length.Should().Be(4096);

        ChallengeHeaderValidator.IsSafe(OfLength(ChallengeHeaderValidator.MaxLength)).Should().BeTrue();
        ChallengeHeaderValidator.IsSafe(OfLength(ChallengeHeaderValidator.MaxLength + 1)).Should().BeFalse();
    }

    [Test]
    public void Space_and_tilde_the_first_and_last_visible_characters_are_allowed_inside_and_outside_quotes()
    {
        ChallengeHeaderValidator.IsSafe("Bearer a~ b=\" ~\"").Should().BeTrue();
    }

    [TestCase("\u001f")]
    [TestCase("\u007f")]
    [TestCase("\r")]
    [TestCase("\n")]
    [TestCase("\u0000")]
    [TestCase("\u00a0")]
    public void Attacker_cannot_smuggle_a_control_character_behind_a_backslash_in_a_quoted_string(string c)
    {
        ChallengeHeaderValidator.IsSafe("Bearer error=\"a\\" + c + "Set-Cookie: x=y\"").Should().BeFalse();
    }

    [TestCase("\r")]
    [TestCase("\u007f")]
    public void Attacker_cannot_smuggle_a_control_character_outside_quotes(string c)
    {
        ChallengeHeaderValidator.IsSafe("Bearer a" + c + "b").Should().BeFalse();
    }

    [Test]
    public void An_escaped_quote_does_not_close_the_quoted_string()
    {
        ChallengeHeaderValidator.IsSafe("Bearer error=\"a\\\"").Should().BeFalse("the closing quote is escaped, so the string is unterminated");
        ChallengeHeaderValidator.IsSafe("Bearer error=\"a\\\"\"").Should().BeTrue();
        ChallengeHeaderValidator.IsSafe("Bearer error=\"a\\\\\"").Should().BeTrue("an escaped backslash leaves the closing quote free");
    }

    [Test]
    public void A_backslash_outside_quotes_is_an_ordinary_visible_character()
    {
        ChallengeHeaderValidator.IsSafe("Bearer a\\").Should().BeTrue();
        ChallengeHeaderValidator.IsSafe("Bearer a\\\"b\"").Should().BeTrue("outside quotes a backslash escapes nothing: the quote opens a string that is closed");
    }

    [Test]
    public void Only_the_exact_Bearer_scheme_is_sent()
    {
        ChallengeHeaderValidator.IsSafe("bearer error=\"x\"").Should().BeFalse();
        ChallengeHeaderValidator.IsSafe(" Bearer").Should().BeFalse();
        ChallengeHeaderValidator.IsSafe("Bearer").Should().BeTrue();
    }
}
