using Ledger.Agreements;
using Ledger.Artisans;
using Ledger.Batches;
using Ledger.Certifications;
using Ledger.Store;

namespace Ledger.Domain;

/// <summary>Every domain event under its stable stored name. Names never change; a reshaped event gets an upcaster.</summary>
public static class LedgerEvents
{
    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry
        .Register<ArtisanRegistered>("artisan_registered")
        .Register<ArtisanDetailsCorrected>("artisan_details_corrected")
        .Register<EquipmentAidReceived>("equipment_aid_received")
        .Register<MonevVisitRecorded>("monev_visit_recorded")
        .Register<ArtisanQualifiedAsTrainer>("artisan_qualified_as_trainer")
        .Register<PersonalDataErased>("personal_data_erased")
        .Register<MouSigned>("mou_signed")
        .Register<MouTerminated>("mou_terminated")
        .Register<MouExpired>("mou_expired")
        .Register<PksSigned>("pks_signed")
        .Register<PksAmended>("pks_amended")
        .Register<PksQuotaSeatTaken>("pks_quota_seat_taken")
        .Register<PksTerminated>("pks_terminated")
        .Register<PksExpired>("pks_expired")
        .Register<BatchPlanned>("batch_planned")
        .Register<BatchParticipantAdmitted>("batch_participant_admitted")
        .Register<BatchCompleted>("batch_completed")
        .Register<ArtisanEnrolled>("artisan_enrolled")
        .Register<ApplicationAccepted>("application_accepted")
        .Register<ApplicationReturned>("application_returned")
        .Register<AssessmentRecorded>("assessment_recorded")
        .Register<AppealFiled>("appeal_filed")
        .Register<AppealDecided>("appeal_decided")
        .Register<CertificationDecided>("certification_decided")
        .Register<CertificateIssued>("certificate_issued")
        .Register<CertificateFrozen>("certificate_frozen")
        .Register<CertificateReinstated>("certificate_reinstated")
        .Register<CertificateRevoked>("certificate_revoked")
        .Register<CertificateExpired>("certificate_expired")
        .Register<CertificateRenewed>("certificate_renewed")
        .Register<CertificateNumberAssigned>("certificate_number_assigned");
}
