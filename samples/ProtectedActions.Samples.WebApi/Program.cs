using ProtectedActions.Samples.WebApi.Api;
using ProtectedActions.Samples.WebApi.Identity;

// Runs the development identity provider and the sample API on loopback until Ctrl+C.
await using var provider = await SampleIdentityProvider.StartAsync();
await using var api = SampleApi.Build(provider.Issuer, port: args.Length > 0 && int.TryParse(args[0], out var p) ? p : 0);
await api.StartAsync();
Console.WriteLine($"Identity provider: {provider.Issuer}  (discovery: {provider.Address}/.well-known/openid-configuration)");
Console.WriteLine($"Sample API:        {SampleApi.AddressOf(api)}");
Console.WriteLine("Press Ctrl+C to stop.");
await api.WaitForShutdownAsync();
