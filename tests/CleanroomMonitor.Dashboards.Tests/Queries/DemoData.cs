using System.Buffers;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Storage.Influx;

namespace CleanroomMonitor.Dashboards.Tests.Queries;

/// <summary>Half an hour of plausible readings for every sensor parameter of a facility, at each sensor's own
/// interval, in the documented schema (written with the service's own <see cref="ReadingPoints"/>), and excursion
/// transitions in every room: one raised and returned, one raised and still active.</summary>
internal static class DemoData
{
    public static readonly TimeSpan History = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);

    public static byte[] Lines(FacilityDefinition facility, DateTimeOffset now)
    {
        var output = new ArrayBufferWriter<byte>(1 << 20);
        var points = new ReadingPoints(facility);
        var random = new Random(8);
        var first = true;
        foreach (var sensor in facility.Sensors)
        {
            var step = sensor.Interval > Step ? sensor.Interval : Step;
            for (var at = now - History; at <= now; at += step)
            {
                foreach (var parameter in sensor.Parameters)
                {
                    NewLine(output, ref first);
                    points.Write(Reading(sensor, parameter, at, random), output);
                }
            }
        }
        foreach (var (room, index) in facility.Rooms.Where(r => facility.SensorsIn(r.Id).Any()).Select((r, i) => (r, i)))
        {
            var sensor = facility.SensorsIn(room.Id).First();
            var parameter = sensor.Parameters[0];
            Excursion(output, ref first, facility, sensor, parameter, "raised", active: true, now - TimeSpan.FromMinutes(20), $"e{index}a");
            Excursion(output, ref first, facility, sensor, parameter, "returned", active: false, now - TimeSpan.FromMinutes(12), $"e{index}a");
            Excursion(output, ref first, facility, sensor, parameter, "raised", active: true, now - TimeSpan.FromMinutes(5), $"e{index}b", kind: "DataGap");
        }
        return output.WrittenSpan.ToArray();
    }

    private static Reading Reading(Sensor sensor, Parameter parameter, DateTimeOffset at, Random random)
    {
        var value = parameter switch
        {
            Parameter.ParticlesHalfMicron => Particles(sensor.Grade, random) ,
            Parameter.ParticlesFiveMicron => Particles(sensor.Grade, random) / 100,
            Parameter.DifferentialPressure => 15 + random.NextDouble() * 3,
            Parameter.Temperature when sensor.Equipment == Equipment.Freezer => -80 + random.NextDouble(),
            Parameter.Temperature when sensor.Equipment == Equipment.Incubator => 37 + random.NextDouble() * 0.2,
            Parameter.Temperature => 20.5 + random.NextDouble(),
            Parameter.RelativeHumidity => 42 + random.NextDouble() * 5,
            Parameter.Co2 => 5 + random.NextDouble() * 0.1,
            Parameter.O2 => 20.9,
            _ => 101_325,
        };
        if (!parameter.Info().IsParticleCount)
        {
            return new Reading(sensor.Id, sensor.Room, parameter, value, at, TimeSource.Device, at);
        }
        const double litres = 28.3;
        var count = (long)Math.Round(value * litres / 1000);
        return new Reading(sensor.Id, sensor.Room, parameter, count * 1000 / litres, at, TimeSource.Device, at, count, litres);
    }

    private static double Particles(Grade? grade, Random random) => grade switch
    {
        Grade.A => random.Next(0, 400),
        Grade.B => random.Next(0, 2_500),
        Grade.C => random.Next(10_000, 150_000),
        _ => random.Next(100_000, 1_500_000),
    };

    private static void Excursion(ArrayBufferWriter<byte> output, ref bool first, FacilityDefinition facility, Sensor sensor, Parameter parameter,
        string action, bool active, DateTimeOffset at, string id, string kind = "Particles")
    {
        NewLine(output, ref first);
        new LineProtocolWriter(output).Measurement("excursion")
            .Tag("action", action)
            .Tag("kind", kind)
            .Tag("level", "Alert")
            .Tag("room", sensor.Room.Value)
            .Tag("sensor", sensor.Id.Value)
            .Tag("site", facility.Site.Id)
            .Field("id", id)
            .Field("status", active ? "Unacknowledged" : "ReturnedUnacknowledged")
            .Field("rule", $"{parameter.WireName()} ≥ alert limit")
            .Field("batches", "")
            .Field("active", active)
            .Field("parameter", parameter.WireName())
            .Field("value", 1.0)
            .Timestamp(at);
    }

    private static void NewLine(ArrayBufferWriter<byte> output, ref bool first)
    {
        if (!first)
        {
            output.Write("\n"u8);
        }
        first = false;
    }
}
