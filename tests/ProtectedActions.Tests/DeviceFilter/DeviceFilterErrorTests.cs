using ProtectedActions.Conditions.DeviceFilter;

namespace ProtectedActions.Tests.DeviceFilter;

/// <summary>Malformed rules: the exact message, with its 1-based position, that TryParse and Parse report.</summary>
public class DeviceFilterErrorTests
{
    private static readonly (string Rule, string Error)[] Cases =
    [
        // The example, verbatim.
        ("device.isCompliant -contains True", "device.isCompliant -contains True: operator -contains is not allowed for isCompliant (allowed: -eq, -ne) at 20"),
        ("device.physicalIds -eq \"x\"", "device.physicalIds -eq \"x\": operator -eq is not allowed for physicalIds (allowed: -contains, -notContains) at 20"),
        ("device.systemLabels -in [\"x\"]", "device.systemLabels -in [\"x\"]: operator -in is not allowed for systemLabels (allowed: -contains, -notContains) at 21"),
        ("device.deviceId -startsWith \"x\"", "device.deviceId -startsWith \"x\": operator -startsWith is not allowed for deviceId (allowed: -eq, -ne, -in, -notIn) at 17"),
        ("device.trustType -in [\"AzureAD\"]", "device.trustType -in [\"AzureAD\"]: operator -in is not allowed for trustType (allowed: -eq, -ne) at 18"),
        // The device. prefix is case-sensitive; a property name in another case is accepted (DeviceFilterPropertyCaseTests).
        ("device.foo -eq \"x\"", "device.foo -eq \"x\": unknown property 'foo' at 8"),
        ("device.extensionAttribute16 -eq \"x\"", "device.extensionAttribute16 -eq \"x\": unknown property 'extensionAttribute16' at 8"),
        ("device.extensionAttribute0 -eq \"x\"", "device.extensionAttribute0 -eq \"x\": unknown property 'extensionAttribute0' at 8"),
        ("Device.isCompliant -eq True", "Device.isCompliant -eq True: expected 'device.' in lower case but found 'Device.isCompliant' at 1"),
        ("user.department -eq \"x\"", "user.department -eq \"x\": expected a comparison such as device.isCompliant -eq True, or '(', but found 'user.department' at 1"),
        ("device. -eq \"x\"", "device. -eq \"x\": expected a property name after 'device.' at 8"),
        // Operators.
        ("device.isCompliant", "device.isCompliant: expected an operator such as -eq after device.isCompliant but found the end of the rule at 19"),
        ("device.isCompliant -equals True", "device.isCompliant -equals True: unknown operator '-equals' (allowed for isCompliant: -eq, -ne) at 20"),
        ("device.isCompliant eq True", "device.isCompliant eq True: expected an operator such as -eq after device.isCompliant but found 'eq' at 20"),
        ("device.displayName -match \"^PAW\"", "device.displayName -match \"^PAW\": operator -match is not supported in device filters (regular expressions are not evaluated; use -startsWith, -endsWith, -contains or -in) at 20"),
        ("device.displayName -notMatch \"^PAW\"", "device.displayName -notMatch \"^PAW\": operator -notMatch is not supported in device filters (regular expressions are not evaluated; use -startsWith, -endsWith, -contains or -in) at 20"),
        ("device.displayName -not \"x\"", "device.displayName -not \"x\": -not is not supported in device filters; use the negative operators (-ne, -notIn, -notStartsWith, -notEndsWith, -notContains) at 20"),
        ("-not (device.isCompliant -eq True)", "-not (device.isCompliant -eq True): -not is not supported in device filters; use the negative operators (-ne, -notIn, -notStartsWith, -notEndsWith, -notContains) at 1"),
        ("device.displayName == \"x\"", "device.displayName == \"x\": unexpected character '=' (compare with operators such as -eq and -ne) at 20"),
        // Values.
        ("device.isCompliant -eq Yes", "device.isCompliant -eq Yes: expected True or False for isCompliant but found 'Yes' at 24"),
        ("device.isCompliant -eq", "device.isCompliant -eq: expected True or False for isCompliant but found the end of the rule at 23"),
        ("device.isCompliant -eq \"yes\"", "device.isCompliant -eq \"yes\": expected True or False for isCompliant but found \"yes\" at 24"),
        ("device.displayName -eq PAW", "device.displayName -eq PAW: expected a string in double quotes for displayName but found 'PAW' at 24"),
        ("device.displayName -eq 'x'", "device.displayName -eq 'x': unexpected character ''' (string values use double quotes) at 24"),
        ("device.displayName -eq \"\"", "device.displayName -eq \"\": empty string values are not allowed at 24"),
        ("device.displayName -eq [\"a\",\"b\"]", "device.displayName -eq [\"a\",\"b\"]: operator -eq takes a single value, not a list (use -in for a list) at 24"),
        ("device.displayName -ne [\"a\"]", "device.displayName -ne [\"a\"]: operator -ne takes a single value, not a list (use -notIn for a list) at 24"),
        ("device.trustType -eq \"AzureADJoined\"", "device.trustType -eq \"AzureADJoined\": trustType must be one of AzureAD, ServerAD, Workplace but found \"AzureADJoined\" at 22"),
        ("device.deviceOwnership -eq \"Corporate\"", "device.deviceOwnership -eq \"Corporate\": deviceOwnership must be one of Personal, Company but found \"Corporate\" at 28"),
        // Strings and escapes.
        ("device.displayName -eq \"PAW", "device.displayName -eq \"PAW: unterminated string (missing closing \") at 24"),
        ("device.displayName -eq \"PAW\\\"", "device.displayName -eq \"PAW\\\": unterminated string (missing closing \") at 24"),
        ("device.displayName -eq \"a\\nb\"", "device.displayName -eq \"a\\nb\": unsupported escape sequence in a string (only \\\" and \\\\ are allowed) at 26"),
        ("device.displayName -eq \"a\nb\"", "device.displayName -eq \"a b\": control characters are not allowed in a string at 26"),
        // Lists.
        ("device.displayName -in \"a\"", "device.displayName -in \"a\": operator -in takes a list such as [\"a\",\"b\"] but found \"a\" at 24"),
        ("device.displayName -in []", "device.displayName -in []: the list is empty at 25"),
        ("device.displayName -in [\"a\",]", "device.displayName -in [\"a\",]: expected a string in double quotes in the list but found ']' at 29"),
        ("device.displayName -in [\"a\" \"b\"]", "device.displayName -in [\"a\" \"b\"]: expected ',' or ']' to close the list at 24 but found \"b\" at 29"),
        ("device.displayName -in [\"a\"", "device.displayName -in [\"a\": expected ',' or ']' to close the list at 24 but found the end of the rule at 28"),
        ("device.displayName -in [\"a\",\"\"]", "device.displayName -in [\"a\",\"\"]: empty string values are not allowed at 29"),
        // Structure: trailing garbage, parentheses, keywords, whitespace.
        ("device.isCompliant -eq True device.model -eq \"x\"", "device.isCompliant -eq True device.model -eq \"x\": expected -and, -or or the end of the rule but found 'device.model' at 29"),
        ("device.isCompliant -eq True)", "device.isCompliant -eq True): unexpected ')' without a matching '(' at 28"),
        ("(device.isCompliant -eq True", "(device.isCompliant -eq True: expected -and, -or or ')' to close the '(' at 1 but found the end of the rule at 29"),
        ("()", "(): expected a comparison such as device.isCompliant -eq True, or '(', but found ')' at 2"),
        ("device.isCompliant -eq True -and", "device.isCompliant -eq True -and: expected a comparison such as device.isCompliant -eq True, or '(', but found the end of the rule at 33"),
        ("device.isCompliant -eq True -and -or device.model -eq \"x\"", "device.isCompliant -eq True -and -or device.model -eq \"x\": expected a comparison such as device.isCompliant -eq True, or '(', but found '-or' at 34"),
        ("device.isCompliant -eq True -xor device.model -eq \"x\"", "device.isCompliant -eq True -xor device.model -eq \"x\": expected -and, -or or the end of the rule but found '-xor' at 29"),
        ("device.isCompliant -eq True && device.model -eq \"x\"", "device.isCompliant -eq True && device.model -eq \"x\": unexpected character '&' (combine comparisons with -and and -or) at 29"),
        ("device.isCompliant -eq True -and(device.model -eq \"x\")", "device.isCompliant -eq True -and(device.model -eq \"x\"): expected whitespace after -and at 33"),
        ("(device.isCompliant -eq True)-and device.model -eq \"x\"", "(device.isCompliant -eq True)-and device.model -eq \"x\": expected whitespace before -and at 30"),
        ("device.displayName -eq\"x\"", "device.displayName -eq\"x\": expected whitespace after -eq at 23"),
        ("device.isCompliant -eq True-and device.model -eq \"x\"", "device.isCompliant -eq True-and device.model -eq \"x\": expected True or False for isCompliant but found 'True-and' at 24"),
        ("device.displayName -eq \"x\" é", "device.displayName -eq \"x\" é: unexpected character U+00E9 at 28"),
        ("device.displayName -eq \"x\"\u00a0-and device.model -eq \"y\"", "device.displayName -eq \"x\"\u00a0-and device.model -eq \"y\": unexpected character U+00A0 at 27"),
    ];

    private static IEnumerable<TestCaseData> Source() => Cases.Select(c => new TestCaseData(c.Rule, c.Error).SetArgDisplayNames(c.Rule));

    [TestCaseSource(nameof(Source))]
    public void TryParse_reports_the_problem_and_its_position(string rule, string expected)
    {
        DeviceFilterRule.TryParse(rule, out var result, out var error).Should().BeFalse();
        result.Should().BeNull();
        error.Should().Be(expected);
    }

    [TestCaseSource(nameof(Source))]
    public void Parse_throws_FormatException_with_the_same_message(string rule, string expected)
    {
        var parse = () => DeviceFilterRule.Parse(rule);
        parse.Should().Throw<FormatException>().Which.Message.Should().Be(expected);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   \t\r\n")]
    public void An_empty_rule_is_rejected_without_a_position(string? rule)
    {
        DeviceFilterRule.TryParse(rule, out _, out var error).Should().BeFalse();
        error.Should().Be("the rule is empty");
    }

    [Test]
    public void A_rule_of_exactly_3072_characters_is_accepted_and_one_more_is_rejected()
    {
        const string Head = "device.displayName -eq \"";
        var value = new string('a', DeviceFilterRule.MaxLength - Head.Length - 1);
        var longest = Head + value + "\"";
        longest.Length.Should().Be(3072);
        DeviceFilterRule.Parse(longest).Matches(new DeviceProperties { DisplayName = value.ToUpperInvariant() }).Should().BeTrue();

        var tooLong = Head + value + "a\"";
        DeviceFilterRule.TryParse(tooLong, out _, out var error).Should().BeFalse();
        error.Should().Be(tooLong[..117] + "...: the rule is 3073 characters long; the maximum is 3072 at 3073");
    }

    [Test]
    public void Thirty_two_levels_of_parentheses_are_accepted()
    {
        var rule = new string('(', 32) + "device.isCompliant -eq True" + new string(')', 32);
        DeviceFilterRule.Parse(rule).ToString().Should().Be("device.isCompliant -eq True");
    }

    [Test]
    public void The_thirty_third_level_of_parentheses_is_rejected_at_its_position()
    {
        var rule = new string('(', 33) + "device.isCompliant -eq True" + new string(')', 33);
        DeviceFilterRule.TryParse(rule, out _, out var error).Should().BeFalse();
        error.Should().EndWith(": parentheses are nested deeper than 32 levels at 33");
    }

    [Test]
    public void Thousands_of_open_parentheses_give_an_error_not_a_stack_overflow()
    {
        var rule = new string('(', 3000) + "device.isCompliant -eq True";
        DeviceFilterRule.TryParse(rule, out _, out var error).Should().BeFalse();
        error.Should().EndWith("parentheses are nested deeper than 32 levels at 33");
    }

    [Test]
    public void Error_prefix_shows_control_characters_as_spaces_so_the_message_stays_on_one_line()
    {
        DeviceFilterRule.TryParse("device.foo\r\n-eq \"x\"", out _, out var error).Should().BeFalse();
        error.Should().Be("device.foo  -eq \"x\": unknown property 'foo' at 8");
    }

    [Test]
    public void Errors_carry_a_kind_for_the_validation_code()
    {
        Kind("device.displayName -match \"x\"").Should().Be(DeviceFilterErrorKind.Unsupported);
        Kind(new string(' ', 3073)).Should().Be(DeviceFilterErrorKind.Empty);
        Kind("device.model -eq \"" + new string('x', 3060) + "\"").Should().Be(DeviceFilterErrorKind.TooLong);
        Kind("device.model -eq x").Should().Be(DeviceFilterErrorKind.Syntax);

        static DeviceFilterErrorKind Kind(string rule)
        {
            DeviceFilterRule.TryCompile(rule, out _, out var error).Should().BeFalse();
            return error.Kind;
        }
    }
}
