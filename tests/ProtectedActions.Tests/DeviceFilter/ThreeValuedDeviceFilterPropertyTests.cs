using System.Reflection;
using ProtectedActions.Conditions;

namespace ProtectedActions.Tests.DeviceFilter;

/// <summary>
/// Random rules × partially known devices: the three-valued result agrees with an independent Kleene reference,
/// and a known result is never contradicted by any device the unknown properties could turn out to be.
/// </summary>
public class ThreeValuedDeviceFilterPropertyTests
{
    private static readonly PropertyInfo[] Settable = typeof(DeviceProperties).GetProperties()
        .Where(p => p.SetMethod is { IsPublic: true }).ToArray();

    private static DeviceProperties? PartiallyKnown(RandomRuleGenerator generator, Random random) => random.Next(6) switch
    {
        0 => null,
        1 => DeviceProperties.Unknown,
        2 => DeviceProperties.Unregistered,
        3 => DeviceProperties.FromDeviceId(random.Next(2) == 0 ? "alpha" : "Beta"),
        4 => generator.Device(),
        _ => generator.Device()?.AsPartial(),
    };

    /// <summary>A complete device consistent with <paramref name="device"/>: known values kept, unknown ones drawn at random (or absent).</summary>
    private static DeviceProperties? Completion(DeviceProperties? device, RandomRuleGenerator generator, Random random)
    {
        if (device is { IsRegistered: false } || device is { IsComplete: true })
        {
            return device;
        }

        var filler = generator.Device() ?? new DeviceProperties();
        var complete = new DeviceProperties();
        foreach (var p in Settable)
        {
            var known = device is null ? null : p.GetValue(device);
            p.SetValue(complete, known ?? (random.Next(4) == 0 ? null : p.GetValue(filler)));
        }

        return complete;
    }

    [Test]
    public void Random_rules_on_partially_known_devices_agree_with_a_Kleene_reference()
    {
        var generator = new RandomRuleGenerator(20261201);
        var random = new Random(7);
        var decided = 0;
        var unknown = 0;
        for (var i = 0; i < 2000; i++)
        {
            var (text, reference) = generator.Rule3();
            var rule = DeviceFilterRule.Parse(text);
            for (var j = 0; j < 5; j++)
            {
                var device = PartiallyKnown(generator, random);
                var actual = rule.Evaluate(device);
                actual.Should().Be(reference(device), $"rule {text} on a {Describe(device)} device");
                _ = actual is null ? unknown++ : decided++;
            }
        }

        decided.Should().BeGreaterThan(1000, "the sample must exercise known results");
        unknown.Should().BeGreaterThan(1000, "the sample must exercise unknown results");
    }

    [Test]
    public void A_known_result_holds_for_every_device_the_unknown_properties_could_be()
    {
        var generator = new RandomRuleGenerator(4242);
        var random = new Random(11);
        for (var i = 0; i < 1500; i++)
        {
            var (text, _) = generator.Rule3();
            var rule = DeviceFilterRule.Parse(text);
            var device = PartiallyKnown(generator, random);
            if (rule.Evaluate(device) is not { } known)
            {
                continue;
            }

            for (var j = 0; j < 8; j++)
            {
                var completion = Completion(device, generator, random);
                rule.Matches(completion).Should().Be(known, $"rule {text} decided {known} on a {Describe(device)} device");
            }
        }
    }

    [Test]
    public void In_both_modes_an_unknown_device_never_gives_a_known_condition_result_a_known_device_could_contradict()
    {
        var generator = new RandomRuleGenerator(99);
        var random = new Random(3);
        var signIn = (DeviceProperties? d) => new SignInContext { Device = d };
        for (var i = 0; i < 1000; i++)
        {
            var (text, _) = generator.Rule3();
            var rule = DeviceFilterRule.Parse(text);
            foreach (var exclude in new[] { false, true })
            {
                var condition = new DeviceFilterCondition(rule, exclude);
                var device = PartiallyKnown(generator, random);
                var missing = MissingInformation.None;
                var result = condition.Evaluate(signIn(device), deviceFailed: false, ref missing);
                if (result == ConditionMatch.Unknown)
                {
                    missing.Should().Be(MissingInformation.Device);
                    continue;
                }

                for (var j = 0; j < 4; j++)
                {
                    var completion = Completion(device, generator, random);
                    var known = MissingInformation.None;
                    var completed = condition.Evaluate(signIn(completion ?? DeviceProperties.Unregistered), deviceFailed: false, ref known);
                    completed.Should().Be(result, $"{(exclude ? "exclude" : "include")} {text} on a {Describe(device)} device");
                }
            }
        }
    }

    [Test]
    public void A_failed_device_provider_is_always_unknown()
    {
        var condition = new DeviceFilterCondition(DeviceFilterRule.Parse("device.deviceId -eq \"x\""), excludeMode: false);
        var missing = MissingInformation.None;

        condition.Evaluate(new SignInContext { Device = DeviceProperties.FromDeviceId("x") }, deviceFailed: true, ref missing).Should().Be(ConditionMatch.Unknown);
        missing.Should().Be(MissingInformation.Device);
    }

    private static string Describe(DeviceProperties? d) =>
        d is null ? "null" : !d.IsRegistered ? "unregistered" : d.IsComplete ? "complete" : "partial";
}
