namespace ProtectedActions.AspNetCore.Tests.Http;

/// <summary>The last check before a challenge reaches a header.</summary>
public sealed class ChallengeHeaderValidatorTests
{
    [TestCase("Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", error=\"insufficient_claims\", claims=\"eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsInZhbHVlIjoiYzEifX19\"")]
    [TestCase("Bearer error=\"insufficient_user_authentication\", error_description=\"A different authentication level is required\", acr_values=\"c1\", max_age=\"3600\"")]
    [TestCase("Bearer error_description=\"say \\\"hi\\\"\"")]
    [TestCase("Bearer")]
    public void Accepts_well_formed_challenges(string value) => ChallengeHeaderValidator.IsSafe(value).Should().BeTrue();

    [TestCase(null)]
    [TestCase("")]
    [TestCase("Basic realm=\"x\"")]
    [TestCase("Bearer error=\"x\"\r\nSet-Cookie: a=b")]
    [TestCase("Bearer error=\"x\"\nX: y")]
    [TestCase("Bearer error=\"x\0\"")]
    [TestCase("Bearer error=\"caf\u00e9\"")]
    [TestCase("Bearer error=\"unterminated")]
    [TestCase("Bearer error=\"a\", b=\"c")]
    [TestCase("Bearer error=\"ends with backslash\\")]
    [TestCase("Bearer error=\"tab\tinside\"")]
    [TestCase("Bearer error=\"del\u007f\"")]
    public void Rejects_unsafe_values(string? value) => ChallengeHeaderValidator.IsSafe(value).Should().BeFalse();

    [Test]
    public void Rejects_overlong_values() =>
        ChallengeHeaderValidator.IsSafe("Bearer claims=\"" + new string('a', ChallengeHeaderValidator.MaxLength) + "\"").Should().BeFalse();

    [Test]
    public void Random_strings_never_pass_with_control_characters()
    {
        var random = new Random(6);
        for (var i = 0; i < 2000; i++)
        {
            var chars = new char[random.Next(7, 80)];
            "Bearer ".CopyTo(chars);
            for (var j = 7; j < chars.Length; j++)
            {
                chars[j] = (char)random.Next(0, 160);
            }

            var value = new string(chars);
            var hasControlOrNonAscii = value.Any(c => c is < ' ' or > '~');
            if (hasControlOrNonAscii)
            {
                ChallengeHeaderValidator.IsSafe(value).Should().BeFalse(value);
            }
        }
    }
}
