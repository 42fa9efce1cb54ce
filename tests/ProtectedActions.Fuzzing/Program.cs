using System.Text;
using ProtectedActions;
using SharpFuzz;

// Usage: ProtectedActions.Fuzzing <device-rule|graph|challenge> [--libfuzzer]
// Each target feeds arbitrary bytes to a parser; anything other than the documented failure
// (FormatException from a Parse method, or issues in a result) escapes and is reported as a crash.
var target = args.Length > 0 ? args[0] : "";
Action<string> run = target switch
{
    "device-rule" => static text =>
    {
        if (DeviceFilterRule.TryParse(text, out var rule, out _))
        {
            _ = rule.Matches(null);
            _ = DeviceFilterRule.Parse(rule.ToString());
        }
    },
    "graph" => static text =>
    {
        var result = ProtectedActionsDocument.ParseGraphExport(text, "fuzz.json");
        if (result.Options is { } options)
        {
            _ = ProtectedActionsConfiguration.Validate(options);
        }
    },
    "challenge" => static text => _ = ChallengeParser.TryParse(text, out _),
    _ => throw new ArgumentException("target must be device-rule, graph or challenge"),
};

if (args.Contains("--libfuzzer"))
{
    Fuzzer.LibFuzzer.Run(span => run(Encoding.UTF8.GetString(span)));
}
else
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        run(reader.ReadToEnd());
    });
}
