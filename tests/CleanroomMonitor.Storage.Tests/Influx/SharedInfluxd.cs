namespace CleanroomMonitor.Storage.Tests.Influx;

/// <summary>Test classes in this collection share one influxd (<see cref="InfluxFixture"/>) and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedInfluxd : ICollectionFixture<InfluxFixture>
{
    public const string Name = "influxd";
}
