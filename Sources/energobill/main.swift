import BillingPipeline
print("energobill")
