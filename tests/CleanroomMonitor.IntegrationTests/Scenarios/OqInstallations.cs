namespace CleanroomMonitor.IntegrationTests.Scenarios;

/// <summary>The two whole-library runs (<see cref="DocumentedOqTests"/>, <see cref="ScenarioLibraryTests"/>) take turns instead of
/// running side by side: each plays hours of back-dated readings into its own installation as fast as it can, and two at
/// once on a 2-core CI machine stalled an installation's ingest for more than a sensor's 15 s gap time, which the OQ
/// rightly reported as unexpected data gaps. Every other test class still runs beside them.</summary>
[CollectionDefinition(Name)]
public sealed class OqInstallations
{
    public const string Name = "OQ installations";
}
