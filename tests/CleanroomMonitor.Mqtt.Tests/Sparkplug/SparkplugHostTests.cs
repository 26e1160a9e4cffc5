using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Mqtt.Sparkplug;
using static CleanroomMonitor.Mqtt.Tests.Sparkplug.TestEdgeNode;

namespace CleanroomMonitor.Mqtt.Tests.Sparkplug;

public sealed class SparkplugHostTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 5, TimeSpan.Zero);
    private static readonly SensorId Th1 = new("th1");
    private static readonly SensorId Pc1 = new("pc1");
    private static readonly SensorId Th2 = new("th2");
    private readonly SparkplugHost _sut = new(new SparkplugMap(SparkplugTestFacility.Load()), TimeSpan.FromSeconds(10));
    private readonly TestEdgeNode _gw1 = new("plant", "gw1", birthSequence: 3);
    private readonly TestEdgeNode _gw2 = new("plant", "gw2");

    private SparkplugOutcome Send((string Topic, byte[] Payload) message, DateTimeOffset? at = null) =>
        _sut.Handle(message.Topic, message.Payload, at ?? Now);

    private void BirthGw1() => Send(_gw1.Birth(Double("Room/Temperature", 20.5, alias: 1), Double("Room/RH", 45, alias: 2)));

    [Fact]
    public void Handle_Birth_ItsValuesAreASample()
    {
        var outcome = Send(_gw1.Birth(Double("Room/Temperature", 20.5, alias: 1), Double("Room/RH", 45, alias: 2)));

        var sample = Assert.Single(outcome.Samples);
        Assert.Equal(Th1, sample.Sensor);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddMilliseconds(T0), sample.Timestamp);
        Assert.Equal([new SampleValue(Parameter.Temperature, 20.5, false), new SampleValue(Parameter.RelativeHumidity, 45, false)], sample.Values);
        Assert.False(sample.IsHistorical);
        Assert.Empty(outcome.Rejections);
        Assert.Empty(outcome.Rebirths);
    }

    [Fact]
    public void Handle_DataByAliasAndByName_BothResolve()
    {
        BirthGw1();

        var byAlias = Send(_gw1.Data(ByAlias(1, 21.5))).Samples.Single();
        var byName = Send(_gw1.Data(Double("Room/RH", 50))).Samples.Single();

        Assert.Equal(new SampleValue(Parameter.Temperature, 21.5, false), Assert.Single(byAlias.Values));
        Assert.Equal(new SampleValue(Parameter.RelativeHumidity, 50, false), Assert.Single(byName.Values));
    }

    [Fact]
    public void Handle_MetricsWithTheirOwnTimestamps_OneSamplePerTime()
    {
        BirthGw1();

        var outcome = Send(_gw1.Data(ByAlias(1, 21, T0 + 1000), ByAlias(2, 44, T0 + 1000), ByAlias(1, 22, T0 + 2000)));

        Assert.Equal([2, 1], outcome.Samples.Select(s => s.Values.Count));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddMilliseconds(T0 + 2000), outcome.Samples[1].Timestamp);
    }

    [Fact]
    public void Handle_HistoricalMetrics_SamplesFlaggedWithOriginalTimestamps()
    {
        BirthGw1();

        var outcome = Send(_gw1.Data(ByAlias(1, 30, T0 - 60_000, historical: true), ByAlias(1, 21, T0)));

        Assert.Equal([true, false], outcome.Samples.Select(s => s.IsHistorical));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddMilliseconds(T0 - 60_000), outcome.Samples[0].Timestamp);
    }

    [Fact]
    public void Handle_DeviceCounts_CountsPerSampleWithTheVolume()
    {
        BirthGw1();
        Send(_gw1.DeviceBirth("pc-7", Double("Count 0.5", 12, 10), Double("Count 5.0", 0, 11), Double("Volume", 28.3, 12)));

        var sample = Send(_gw1.DeviceData("pc-7", ByAlias(10, 40), ByAlias(11, 2), ByAlias(12, 28.3))).Samples.Single();

        Assert.Equal(Pc1, sample.Sensor);
        Assert.Equal(28.3, sample.VolumeLitres);
        Assert.All(sample.Values, v => Assert.True(v.IsCount));
    }

    [Fact]
    public void Handle_UnmappedAndNullMetrics_Ignored()
    {
        BirthGw1();

        var outcome = Send(_gw1.Data(Double("Room/Temperature", 21), new SparkplugMetric("Room/RH", IsNull: true)));

        Assert.Single(Assert.Single(outcome.Samples).Values);
        Assert.Empty(outcome.Rejections);
    }

    [Fact]
    public void Handle_DataBeforeBirth_NotBornAndRebirthRequested()
    {
        var outcome = Send(_gw1.Data(ByAlias(1, 21)));

        Assert.Equal(RejectionReason.NotBorn, Assert.Single(outcome.Rejections).Reason);
        Assert.Equal(new RebirthRequest("plant", "gw1", "NDATA before NBIRTH"), Assert.Single(outcome.Rebirths));
        Assert.Empty(outcome.Samples);
    }

    [Fact]
    public void Handle_RebirthRequests_AtMostOncePerIntervalPerNode()
    {
        Assert.Single(Send(_gw1.Data(ByAlias(1, 21)), Now).Rebirths);
        Assert.Empty(Send(_gw1.Data(ByAlias(1, 21)), Now.AddSeconds(9)).Rebirths);
        Assert.Single(Send(_gw2.Data(ByAlias(1, 21)), Now.AddSeconds(9)).Rebirths);
        Assert.Single(Send(_gw1.Data(ByAlias(1, 21)), Now.AddSeconds(10)).Rebirths);
    }

    [Fact]
    public void Handle_UnknownAlias_WholeMessageRefusedAndRebirthRequested()
    {
        BirthGw1();

        var outcome = Send(_gw1.Data(ByAlias(1, 21), ByAlias(99, 1)));

        Assert.Equal(RejectionReason.UnknownAlias, Assert.Single(outcome.Rejections).Reason);
        Assert.Single(outcome.Rebirths);
        Assert.Empty(outcome.Samples);
    }

    [Fact]
    public void Handle_UnknownName_RefusedAsUnknownAlias()
    {
        BirthGw1();

        Assert.Equal(RejectionReason.UnknownAlias, Send(_gw1.Data(Double("Room/Pressure", 1))).Rejections.Single().Reason);
    }

    [Fact]
    public void Handle_AliasOfADeviceUsedByTheNode_UnknownAlias()
    {
        BirthGw1();
        Send(_gw1.DeviceBirth("pc-7", Double("Count 0.5", 12, 10)));

        Assert.Equal(RejectionReason.UnknownAlias, Send(_gw1.Data(ByAlias(10, 1))).Rejections.Single().Reason);
    }

    public static TheoryData<SparkplugMetric> Mismatches() => new()
    {
        new SparkplugMetric(null, 1, Value: SparkplugValue.OfFloat(21f)),                                          // Double declared, float sent
        new SparkplugMetric(null, 1, DataType: SparkplugDataType.Float, Value: SparkplugValue.OfFloat(21f)),       // datatype changed since birth
        new SparkplugMetric(null, 1, Value: SparkplugValue.OfString("21.0")),
        new SparkplugMetric(null, 1, Value: SparkplugValue.None),                                                  // no value and not null
    };

    [Theory, MemberData(nameof(Mismatches))]
    public void Handle_DatatypeMismatch_Refused(SparkplugMetric metric)
    {
        BirthGw1();

        var outcome = Send(_gw1.Data(metric));

        Assert.Equal(RejectionReason.DatatypeMismatch, Assert.Single(outcome.Rejections).Reason);
        Assert.Empty(outcome.Samples);
    }

    [Fact]
    public void Handle_BooleanMetricMappedToAParameter_DatatypeMismatch()
    {
        var outcome = Send(_gw1.Birth(new SparkplugMetric("Room/Temperature", DataType: SparkplugDataType.Boolean, Value: SparkplugValue.OfBoolean(true))));

        Assert.Equal(RejectionReason.DatatypeMismatch, Assert.Single(outcome.Rejections).Reason);
    }

    [Theory]
    [InlineData(SparkplugDataType.Int16, 0xFFFF_FF9Cu, -100)]
    [InlineData(SparkplugDataType.Int32, 0xFFFF_FFFFu, -1)]
    [InlineData(SparkplugDataType.UInt16, 65535u, 65535)]
    [InlineData(SparkplugDataType.UInt32, 4_000_000_000u, 4_000_000_000)]
    public void Handle_IntegerDatatypes_ReadAsTheirSignedness(SparkplugDataType type, uint bits, double expected)
    {
        var outcome = Send(_gw1.Birth(new SparkplugMetric("Room/Temperature", DataType: type, Value: SparkplugValue.OfInt(bits))));

        Assert.Equal(expected, outcome.Samples.Single().Values.Single().Value);
    }

    [Fact]
    public void Handle_SeqGap_DataGapForEveryNodeSensorAndRebirthButDataKept()
    {
        BirthGw1();
        Send(_gw1.Data(ByAlias(1, 21)), Now.AddSeconds(1));
        _gw1.Skip(3);

        var outcome = Send(_gw1.Data(ByAlias(1, 22)), Now.AddSeconds(5));

        var gap = Assert.Single(outcome.Events);
        Assert.Equal(SourceEventKind.DataGap, gap.Kind);
        Assert.Equal([Th1, Pc1], gap.Sensors);
        Assert.Equal(Now.AddSeconds(1), gap.Since);
        Assert.Equal(Now.AddSeconds(5), gap.At);
        Assert.Contains("3 message(s) missing between seq 1 and 5", gap.Detail, StringComparison.Ordinal);
        Assert.Single(outcome.Rebirths);
        Assert.Single(outcome.Samples);
    }

    [Fact]
    public void Handle_SeqWrapsFrom255To0_NoGap()
    {
        BirthGw1();
        _gw1.Skip(253);   // next seq 254; the gap this makes is reported once
        Send(_gw1.Data(ByAlias(1, 21)));

        var at255 = Send(_gw1.Data(ByAlias(1, 21)));
        var at0 = Send(_gw1.Data(ByAlias(1, 21)));
        var at1 = Send(_gw1.Data(ByAlias(1, 21)));

        Assert.All(new[] { at255, at0, at1 }, o => Assert.Empty(o.Events));
    }

    [Fact]
    public void Handle_SeqRepeated_DuplicateRefused()
    {
        BirthGw1();
        Send(_gw1.Data(ByAlias(1, 21)));
        _gw1.Repeat();

        var outcome = Send(_gw1.Data(ByAlias(1, 21)));

        Assert.Equal(RejectionReason.DuplicateSequence, Assert.Single(outcome.Rejections).Reason);
        Assert.Empty(outcome.Samples);
        Assert.Empty(outcome.Events);
    }

    [Fact]
    public void Handle_DataWithoutSeq_Malformed()
    {
        BirthGw1();

        var outcome = _sut.Handle("spBv1.0/plant/NDATA/gw1", SparkplugPayloadEncoder.Encode(new SparkplugPayload(T0, [ByAlias(1, 21)])), Now);

        Assert.Equal(RejectionReason.MalformedPayload, Assert.Single(outcome.Rejections).Reason);
    }

    [Fact]
    public void Handle_DeathWithTheBirthsBdSeq_CommunicationLostForNodeAndDeviceSensors()
    {
        BirthGw1();

        var outcome = Send(_gw1.Death());

        var lost = Assert.Single(outcome.Events);
        Assert.Equal(SourceEventKind.CommunicationLost, lost.Kind);
        Assert.Equal([Th1, Pc1], lost.Sensors);
        Assert.Contains("NDEATH, bdSeq 3", lost.Detail, StringComparison.Ordinal);
        Assert.Equal(RejectionReason.NotBorn, Send(_gw1.Data(ByAlias(1, 21))).Rejections.Single().Reason);
    }

    [Fact]
    public void Handle_DeathOfAnOlderConnection_StaleAndNodeStaysAlive()
    {
        _gw1.BirthSequence = 2;
        var staleWill = _gw1.Death();
        _gw1.BirthSequence = 3;
        BirthGw1();

        var outcome = Send(staleWill);

        Assert.Equal(RejectionReason.StaleDeath, Assert.Single(outcome.Rejections).Reason);
        Assert.Empty(outcome.Events);
        Assert.Single(Send(_gw1.Data(ByAlias(1, 21))).Samples);
    }

    [Fact]
    public void Handle_DeathOfANodeNeverBorn_NotBorn()
    {
        var outcome = Send(_gw2.Death());

        Assert.Equal(RejectionReason.NotBorn, Assert.Single(outcome.Rejections).Reason);
        Assert.Empty(outcome.Events);
    }

    [Fact]
    public void Handle_BirthAfterDeath_CommunicationRestoredForTheNodesOwnSensorsThenDeviceOnItsBirth()
    {
        BirthGw1();
        Send(_gw1.Death());
        _gw1.BirthSequence = 4;

        var nodeBirth = Send(_gw1.Birth(Double("Room/Temperature", 20.5, alias: 1))).Events.Single(e => e.Kind == SourceEventKind.CommunicationRestored);
        var deviceBirth = Send(_gw1.DeviceBirth("pc-7", Double("Count 0.5", 12, 10))).Events.Single(e => e.Kind == SourceEventKind.CommunicationRestored);

        Assert.Equal([Th1], nodeBirth.Sensors);
        Assert.Equal([Pc1], deviceBirth.Sensors);
        Assert.Empty(_sut.Lost);
    }

    [Fact]
    public void Handle_DeviceDeath_OnlyTheDevicesSensorsLost()
    {
        BirthGw1();
        Send(_gw1.DeviceBirth("pc-7", Double("Count 0.5", 12, 10)));

        var outcome = Send(_gw1.DeviceDeath("pc-7"));

        Assert.Equal([Pc1], Assert.Single(outcome.Events).Sensors);
        Assert.Equal(RejectionReason.NotBorn, Send(_gw1.DeviceData("pc-7", ByAlias(10, 1))).Rejections.Single().Reason);
        Assert.Single(Send(_gw1.Data(ByAlias(1, 21))).Samples);
    }

    [Fact]
    public void Handle_DeviceDeathOfADeviceNeverBorn_NotBorn()
    {
        BirthGw1();

        Assert.Equal(RejectionReason.NotBorn, Send(_gw1.DeviceDeath("pc-7")).Rejections.Single().Reason);
    }

    [Fact]
    public void Handle_BirthWithoutBdSeq_MalformedAndRebirthRequested()
    {
        var outcome = _sut.Handle("spBv1.0/plant/NBIRTH/gw1",
            SparkplugPayloadEncoder.Encode(new SparkplugPayload(T0, [Double("Room/Temperature", 20)], 0)), Now);

        Assert.Equal(RejectionReason.MalformedPayload, Assert.Single(outcome.Rejections).Reason);
        Assert.Single(outcome.Rebirths);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("not-protobuf")]
    [InlineData("wrong-wire-type")]
    public void Handle_UndecodablePayload_MalformedAndOtherNodesUnaffected(string golden)
    {
        BirthGw1();
        Send(_gw2.Birth(Double("T", 19)));

        var bad = _sut.Handle("spBv1.0/plant/NDATA/gw1", SparkplugGolden.Bytes(golden), Now);

        Assert.Equal(RejectionReason.MalformedPayload, Assert.Single(bad.Rejections).Reason);
        Assert.Equal(Th2, Send(_gw2.Data(Double("T", 19.5))).Samples.Single().Sensor);
    }

    [Fact]
    public void Handle_NodeTheFacilityDoesNotMap_UnknownTopic()
    {
        var outcome = Send(new TestEdgeNode("plant", "gw9").Birth());

        Assert.Equal(RejectionReason.UnknownTopic, Assert.Single(outcome.Rejections).Reason);
        Assert.Empty(outcome.Rebirths);
    }

    [Theory]
    [InlineData("spBv1.0/STATE/cleanroom-monitor-sp")]
    [InlineData("spBv1.0/plant/NCMD/gw1")]
    [InlineData("spBv1.0/plant/DCMD/gw1/pc-7")]
    public void Handle_StateAndCommands_NotInput(string topic)
    {
        var outcome = _sut.Handle(topic, """{"online":true,"timestamp":1}"""u8.ToArray(), Now);

        Assert.Empty(outcome.Rejections);
        Assert.Empty(outcome.Samples);
    }

    [Fact]
    public void OnTick_NodeSilentPastItsLimit_LostOnceThenDataRestores()
    {
        BirthGw1();   // gw1's slowest sensor reports every 10 s: silent after 30 s

        Assert.Empty(_sut.OnTick(Now.AddSeconds(30)).Events);
        var lost = _sut.OnTick(Now.AddSeconds(31)).Events.Single();
        var again = _sut.OnTick(Now.AddSeconds(40)).Events.ToList();
        var back = Send(_gw1.Data(ByAlias(1, 21)), Now.AddSeconds(41));

        Assert.Equal(SourceEventKind.CommunicationLost, lost.Kind);
        Assert.Equal([Th1, Pc1], lost.Sensors);
        Assert.Empty(again);
        Assert.Equal(SourceEventKind.CommunicationRestored, back.Events.Single().Kind);
        Assert.Equal([Th1], back.Events.Single().Sensors);   // pc-7 was never born: its sensor stays lost until its DBIRTH
    }
}
