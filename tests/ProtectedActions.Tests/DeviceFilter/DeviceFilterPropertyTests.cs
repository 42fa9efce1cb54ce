using System.Text;
using System.Text.RegularExpressions;

namespace ProtectedActions.Tests.DeviceFilter;

/// <summary>Property-style tests with fixed seeds: random valid rules, and random garbage.</summary>
public partial class DeviceFilterPropertyTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(20261127)]
    public void Random_valid_rules_agree_with_a_reference_evaluation_before_and_after_printing(int seed)
    {
        var generator = new RandomRuleGenerator(seed);
        var checkedRules = 0;
        var matches = 0;
        while (checkedRules < 300)
        {
            var (text, reference) = generator.Rule();
            if (text.Length > DeviceFilterRule.MaxLength)
            {
                continue;
            }

            DeviceFilterRule.TryParse(text, out var rule, out var error).Should().BeTrue($"'{text}' is valid, but: {error}");
            var printed = rule!.ToString();
            printed.Length.Should().BeLessThanOrEqualTo(text.Length, "the canonical form is never longer, so it always re-parses");
            var reparsed = DeviceFilterRule.Parse(printed);
            reparsed.ToString().Should().Be(printed, "the canonical form is a fixed point");

            for (var i = 0; i < 40; i++)
            {
                var device = generator.Device();
                var expected = reference(device);
                rule.Matches(device).Should().Be(expected, $"'{text}'");
                reparsed.Matches(device).Should().Be(expected, $"'{printed}' printed from '{text}'");
                matches += expected ? 1 : 0;
            }

            checkedRules++;
        }

        // Both verdicts must be common, or the comparison above proves little.
        matches.Should().BeInRange(300 * 40 / 5, 300 * 40 * 4 / 5);
    }

    private static readonly string[] Fragments =
    [
        "device.", "displayName", "isCompliant", "trustType", "physicalIds", "extensionAttribute1", "deviceId",
        " -eq ", " -ne ", " -in ", " -notIn ", " -contains ", " -startsWith ", " -and ", " -or ", " -not ", " -match ",
        "(", ")", "[", "]", ",", "\"", "\\", "\\\"", " ", "\t", "\n", "True", "False", "\"AzureAD\"", "\"x\"", "-", ".",
        "é", "\0", "'", "=", "&&", "\u00a0", "device.isCompliant -eq True", "\"unterminated",
    ];

    [TestCase(11)]
    [TestCase(12)]
    [TestCase(13)]
    public void Random_garbage_yields_only_a_positioned_parse_error(int seed)
    {
        var random = new Random(seed);
        var rejected = 0;
        for (var i = 0; i < 3000; i++)
        {
            var input = i % 3 == 0 ? RandomChars(random) : i % 3 == 1 ? RandomFragments(random) : Mutate(random);
            if (DeviceFilterRule.TryParse(input, out var rule, out var error))
            {
                DeviceFilterRule.Parse(rule.ToString()).ToString().Should().Be(rule.ToString());
                continue;
            }

            rejected++;
            var parse = () => DeviceFilterRule.Parse(input);
            parse.Should().Throw<FormatException>().Which.Message.Should().Be(error);
            if (error == "the rule is empty")
            {
                string.IsNullOrWhiteSpace(input).Should().BeTrue();
                continue;
            }

            var match = Position().Match(error);
            match.Success.Should().BeTrue($"'{error}' ends with a position");
            var position = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            position.Should().BeInRange(1, Math.Min(input.Length, DeviceFilterRule.MaxLength) + 1);
        }

        rejected.Should().BeGreaterThan(2000, "garbage is mostly rejected");
    }

    [Test]
    public void Pathological_inputs_are_rejected_quickly_and_without_exceptions()
    {
        string[] inputs =
        [
            new string('(', 3072),
            new string(')', 3072),
            new string('"', 3072),
            new string('\\', 3072),
            string.Concat(Enumerable.Repeat("device.isCompliant -eq True -and ", 93)) + "device.isCompliant -eq",
            "device.model -in [" + string.Concat(Enumerable.Repeat("\"a\",", 700)),
            new string('(', 32) + new string(')', 32),
        ];
        foreach (var input in inputs)
        {
            DeviceFilterRule.TryParse(input, out _, out var error).Should().BeFalse();
            error.Should().NotBeNullOrEmpty();
        }
    }

    private static string RandomChars(Random random)
    {
        var length = random.Next(0, 80);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(random.Next(10) == 0 ? (char)random.Next(0, 0x3000) : (char)random.Next(32, 127));
        }

        return builder.ToString();
    }

    private static string RandomFragments(Random random)
    {
        var builder = new StringBuilder();
        var count = random.Next(1, random.Next(10) == 0 ? 800 : 25);
        for (var i = 0; i < count; i++)
        {
            builder.Append(Fragments[random.Next(Fragments.Length)]);
        }

        return builder.ToString();
    }

    private static string Mutate(Random random)
    {
        var (text, _) = new RandomRuleGenerator(random.Next()).Rule(2);
        var builder = new StringBuilder(text);
        var edits = random.Next(1, 4);
        for (var i = 0; i < edits && builder.Length > 0; i++)
        {
            var at = random.Next(builder.Length);
            switch (random.Next(3))
            {
                case 0:
                    builder.Remove(at, 1);
                    break;
                case 1:
                    builder.Insert(at, "()[],\"\\ -x"[random.Next(10)]);
                    break;
                default:
                    builder[at] = (char)random.Next(32, 127);
                    break;
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex(@" at (\d+)$")]
    private static partial Regex Position();
}
