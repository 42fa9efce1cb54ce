using ProtectedActions.Samples.WebApi.Api;
using ProtectedActions.Samples.WebApi.Issuer;

// Runs the development issuer and the sample API on loopback until Ctrl+C.
await using var issuer = await DevelopmentIssuer.StartAsync();
await using var api = SampleApi.Build(issuer.Issuer, port: args.Length > 0 && int.TryParse(args[0], out var p) ? p : 0);
await api.StartAsync();
Console.WriteLine($"Development issuer: {issuer.Issuer}  (POST /token: username, amr, client_capabilities, device_id, claims, acr_values, max_age)");
Console.WriteLine($"Sample API:         {SampleApi.AddressOf(api)}");
Console.WriteLine("Press Ctrl+C to stop.");
await api.WaitForShutdownAsync();
